#!/usr/bin/env python3
"""Writes the kiosk's two sounds, assets/sounds/accept.wav and reject.wav.

Run from the repository root: python3 tools/gen_sounds.py. Standard library only, no randomness:
the same bytes on every run. Change this script, not the WAV files.

accept: a bright rising two-note chime (E5 then A5), soft attack, bell-like decay.
reject: a gentle falling two-note tone (A4 then E4), lower and rounder, never a harsh buzzer:
a refusal is often the kiosk's mistake or a staff matter, not the attendee's fault.
"""
import math
import struct
import wave
from pathlib import Path

RATE = 22050
PEAK = 0.45  # of full scale: audible in a foyer without startling anyone close by


def note(freq, seconds, decay, harmonics):
    """One note: a sine with a few soft harmonics, a 6 ms attack and an exponential decay."""
    count = int(RATE * seconds)
    attack = int(RATE * 0.006)
    samples = []
    for i in range(count):
        t = i / RATE
        value = sum(weight * math.sin(2 * math.pi * freq * k * t) for k, weight in harmonics)
        envelope = math.exp(-t / decay)
        if i < attack:
            envelope *= i / attack
        # A short fade at the very end so that the cut is silent.
        tail = count - i
        if tail < 64:
            envelope *= tail / 64
        samples.append(value * envelope)
    return samples


def mix_at(track, samples, start_seconds):
    start = int(RATE * start_seconds)
    needed = start + len(samples)
    if len(track) < needed:
        track.extend([0.0] * (needed - len(track)))
    for i, value in enumerate(samples):
        track[start + i] += value


def write(path, track):
    peak = max(abs(v) for v in track) or 1.0
    frames = b"".join(struct.pack("<h", int(round(v / peak * PEAK * 32767))) for v in track)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


def main():
    out_dir = Path("assets/sounds")
    out_dir.mkdir(parents=True, exist_ok=True)

    bell = [(1, 1.0), (2, 0.25), (3, 0.08)]
    accept = []
    mix_at(accept, note(659.25, 0.30, 0.12, bell), 0.0)
    mix_at(accept, note(880.00, 0.45, 0.18, bell), 0.11)
    write(out_dir / "accept.wav", accept)

    round_tone = [(1, 1.0), (2, 0.12)]
    reject = []
    mix_at(reject, note(440.00, 0.26, 0.14, round_tone), 0.0)
    mix_at(reject, note(329.63, 0.42, 0.20, round_tone), 0.18)
    write(out_dir / "reject.wav", reject)


if __name__ == "__main__":
    main()

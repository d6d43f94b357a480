--
-- PostgreSQL database dump
--

\restrict HvOV0i8dQVptJSOdC2fzS3nzUv4e75k91qDkveSCG4eSpx38waRsM6PnTQeJWPr

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: feed_next_seq(bigint); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.feed_next_seq(feed bigint) RETURNS bigint
    LANGUAGE sql
    AS $$
  INSERT INTO feed_counter (feed_id, seq) VALUES (feed, 1)
  ON CONFLICT (feed_id) DO UPDATE SET seq = feed_counter.seq + 1
  RETURNING seq
$$;


--
-- Name: journal_refuse_change(); Type: FUNCTION; Schema: public; Owner: -
--

CREATE FUNCTION public.journal_refuse_change() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
BEGIN
  RAISE EXCEPTION 'journal entries are immutable and never deleted';
END
$$;


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: badge_revocation; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.badge_revocation (
    participant_id bigint NOT NULL,
    badge_serial bigint NOT NULL,
    reason text NOT NULL,
    revoked_ms bigint NOT NULL
);


--
-- Name: checkpoint; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.checkpoint (
    id bigint NOT NULL,
    event_id bigint NOT NULL,
    source_id bigint NOT NULL,
    name text NOT NULL,
    rule text NOT NULL,
    "position" integer NOT NULL,
    admits text[] NOT NULL,
    CONSTRAINT checkpoint_rule_check CHECK ((rule = ANY (ARRAY['once_per_event'::text, 'once_per_day'::text, 'in_out'::text])))
);


--
-- Name: checkpoint_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.checkpoint ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.checkpoint_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: double_checkin; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.double_checkin (
    first_uuid text NOT NULL,
    second_uuid text NOT NULL,
    participant_id bigint NOT NULL,
    checkpoint_id bigint NOT NULL,
    detected_ms bigint NOT NULL
);


--
-- Name: event; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.event (
    id bigint NOT NULL,
    origin text NOT NULL,
    name text NOT NULL,
    venue text NOT NULL,
    timezone text NOT NULL,
    days text[] NOT NULL,
    created_ms bigint NOT NULL,
    published_ms bigint NOT NULL
);


--
-- Name: feed_counter; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.feed_counter (
    feed_id bigint NOT NULL,
    seq bigint NOT NULL,
    CONSTRAINT feed_counter_seq_check CHECK ((seq >= 0))
);


--
-- Name: hub_alert; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hub_alert (
    id bigint NOT NULL,
    created_ms bigint NOT NULL,
    kind text NOT NULL,
    event_id bigint,
    device_id text NOT NULL,
    uuid text NOT NULL,
    other_uuid text NOT NULL,
    detail text NOT NULL
);


--
-- Name: hub_alert_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.hub_alert ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hub_alert_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: hub_authored; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hub_authored (
    authored_id text NOT NULL,
    device_id text NOT NULL,
    "position" integer NOT NULL,
    acked_seq bigint DEFAULT 0 NOT NULL
);


--
-- Name: hub_device; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hub_device (
    device_id text NOT NULL,
    event_id bigint NOT NULL,
    name text NOT NULL,
    enrolled_ms bigint NOT NULL,
    revoked_ms bigint,
    last_sync_ms bigint,
    clock_offset_ms bigint
);


--
-- Name: hub_enrolment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hub_enrolment (
    code_sha256 text NOT NULL,
    event_id bigint NOT NULL,
    label text NOT NULL,
    created_ms bigint NOT NULL,
    expires_ms bigint NOT NULL,
    redeemed_ms bigint,
    device_id text
);


--
-- Name: hub_feed; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hub_feed (
    seq bigint NOT NULL,
    event_id bigint NOT NULL,
    type text NOT NULL,
    ref text NOT NULL,
    device_id text,
    CONSTRAINT hub_feed_type_check CHECK ((type = ANY (ARRAY['participant'::text, 'revocation'::text, 'key'::text, 'meeting'::text, 'entry'::text])))
);


--
-- Name: hub_quarantine; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hub_quarantine (
    id bigint NOT NULL,
    received_ms bigint NOT NULL,
    uploader text NOT NULL,
    device_id text NOT NULL,
    event_id bigint,
    seq bigint,
    uuid text NOT NULL,
    reason text NOT NULL,
    detail text NOT NULL,
    raw_json text NOT NULL,
    raw_sha256 text NOT NULL
);


--
-- Name: hub_quarantine_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.hub_quarantine ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.hub_quarantine_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: hub_received; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hub_received (
    uuid text NOT NULL,
    uploader text NOT NULL,
    received_ms bigint NOT NULL,
    clock_offset_ms bigint NOT NULL
);


--
-- Name: hub_token; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.hub_token (
    token_sha256 text NOT NULL,
    kind text NOT NULL,
    device_id text,
    label text NOT NULL,
    created_ms bigint NOT NULL,
    revoked_ms bigint,
    CONSTRAINT hub_token_check CHECK (((kind = 'device'::text) = (device_id IS NOT NULL))),
    CONSTRAINT hub_token_kind_check CHECK ((kind = ANY (ARRAY['device'::text, 'organiser'::text])))
);


--
-- Name: journal; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.journal (
    uuid text NOT NULL,
    device_id text NOT NULL,
    seq bigint NOT NULL,
    event_id bigint NOT NULL,
    kind text NOT NULL,
    outcome text NOT NULL,
    participant_id bigint,
    checkpoint_id bigint,
    code text NOT NULL,
    operator text NOT NULL,
    wall_ms bigint NOT NULL,
    monotonic_ns bigint NOT NULL,
    local_day text NOT NULL,
    CONSTRAINT journal_seq_check CHECK ((seq > 0))
);


--
-- Name: meeting; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.meeting (
    id bigint NOT NULL,
    event_id bigint NOT NULL,
    source_id bigint NOT NULL,
    participant_a bigint NOT NULL,
    participant_b bigint NOT NULL,
    slot_start_ms bigint NOT NULL,
    slot_end_ms bigint NOT NULL,
    table_label text NOT NULL,
    status text NOT NULL,
    origin text NOT NULL
);


--
-- Name: meeting_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.meeting ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.meeting_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: participant; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.participant (
    id bigint NOT NULL,
    event_id bigint NOT NULL,
    external_id text NOT NULL,
    first_name text NOT NULL,
    last_name text NOT NULL,
    email text NOT NULL,
    organisation text NOT NULL,
    country text NOT NULL,
    region text NOT NULL,
    sector text NOT NULL,
    org_type text NOT NULL,
    language text NOT NULL,
    role text NOT NULL,
    status text NOT NULL,
    tags text[] NOT NULL,
    ticket_codes text[] NOT NULL,
    badge_serial bigint NOT NULL,
    badge_issued_s bigint NOT NULL
);


--
-- Name: participant_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

ALTER TABLE public.participant ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME public.participant_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);


--
-- Name: passerelle_schema_version; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.passerelle_schema_version (
    singleton boolean DEFAULT true NOT NULL,
    version integer NOT NULL,
    CONSTRAINT passerelle_schema_version_singleton_check CHECK (singleton),
    CONSTRAINT passerelle_schema_version_version_check CHECK ((version >= 0))
);


--
-- Name: signing_key; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.signing_key (
    key_id bigint NOT NULL,
    event_id bigint NOT NULL,
    public_key bytea NOT NULL,
    created_ms bigint NOT NULL,
    retired_ms bigint,
    CONSTRAINT signing_key_key_id_check CHECK (((key_id >= 0) AND (key_id <= '4294967295'::bigint))),
    CONSTRAINT signing_key_public_key_check CHECK ((length(public_key) = 32))
);


--
-- Data for Name: badge_revocation; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: checkpoint; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.checkpoint OVERRIDING SYSTEM VALUE VALUES (1, 1, 1, 'Entrance', 'once_per_event', 0, '{}');


--
-- Data for Name: double_checkin; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: event; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.event VALUES (1, 'fixture-event-file', 'Forum 2026', 'Lille', 'Europe/Paris', '{2026-05-04}', 1767225600000, 1767225600000);


--
-- Data for Name: feed_counter; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.feed_counter VALUES (0, 5);


--
-- Data for Name: hub_alert; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: hub_authored; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.hub_authored VALUES ('kiosk-1', 'kiosk-1', 0, 3);


--
-- Data for Name: hub_device; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.hub_device VALUES ('kiosk-1', 1, 'Door 1', 1777870000000, NULL, 1777878130000, 0);


--
-- Data for Name: hub_enrolment; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.hub_enrolment VALUES ('45dfd25d91ee94a575242faba40790e268fa1264c25921ec7aa18de64dba2cc9', 1, 'Door 1', 1777869000000, 1777872600000, 1777870000000, 'kiosk-1');


--
-- Data for Name: hub_feed; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.hub_feed VALUES (1, 1, 'participant', '1', NULL);
INSERT INTO public.hub_feed VALUES (2, 1, 'participant', '2', NULL);
INSERT INTO public.hub_feed VALUES (3, 1, 'entry', '0196979a-1c00-7000-8000-0000000000a1', 'kiosk-1');
INSERT INTO public.hub_feed VALUES (4, 1, 'entry', '0196979a-1c00-7000-8000-0000000000a2', 'kiosk-1');
INSERT INTO public.hub_feed VALUES (5, 1, 'entry', '0196979a-1c00-7000-8000-0000000000a3', 'kiosk-1');


--
-- Data for Name: hub_quarantine; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.hub_quarantine OVERRIDING SYSTEM VALUE VALUES (1, 1777878125000, 'kiosk-1', 'kiosk-1', 1, NULL, '', 'malformed', 'not an entry', '{"seq": "x"}', '1a320750c75d7be1662afea6552ae8de2e8a3d29d9ac1bc5576edd87f06f59b5');


--
-- Data for Name: hub_received; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.hub_received VALUES ('0196979a-1c00-7000-8000-0000000000a1', 'kiosk-1', 1777878001000, 0);
INSERT INTO public.hub_received VALUES ('0196979a-1c00-7000-8000-0000000000a2', 'kiosk-1', 1777878061000, 0);
INSERT INTO public.hub_received VALUES ('0196979a-1c00-7000-8000-0000000000a3', 'kiosk-1', 1777878121000, 0);


--
-- Data for Name: hub_token; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.hub_token VALUES ('d806912ce6e37354df17c7d40901502ac4da127b786a23d4d606cb2fa608282a', 'device', 'kiosk-1', '', 1777870000000, NULL);
INSERT INTO public.hub_token VALUES ('2858451982928959b3d7f604c6756571f72216bcc42f7165a9fe9697cbaf2ae7', 'organiser', NULL, 'old', 1777870000000, NULL);


--
-- Data for Name: journal; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.journal VALUES ('0196979a-1c00-7000-8000-0000000000a1', 'kiosk-1', 1, 1, 'checkin', 'accepted', 1, 1, 'TKT-ZOE', '', 1777878000000, 1000000000, '2026-05-04');
INSERT INTO public.journal VALUES ('0196979a-1c00-7000-8000-0000000000a2', 'kiosk-1', 2, 1, 'checkin', 'already_checked_in', 1, 1, 'TKT-ZOE', '', 1777878060000, 61000000000, '2026-05-04');
INSERT INTO public.journal VALUES ('0196979a-1c00-7000-8000-0000000000a3', 'kiosk-1', 3, 1, 'rejected_scan', 'unknown_code', NULL, 1, 'NOPE', '', 1777878120000, 121000000000, '2026-05-04');


--
-- Data for Name: meeting; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: participant; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.participant OVERRIDING SYSTEM VALUE VALUES (1, 1, 'R-1', 'Zoë', 'Brontë', '', 'Acmé', 'FR', '', '', '', 'en', '', 'registered', '{}', '{TKT-ZOE}', 1, 0);
INSERT INTO public.participant OVERRIDING SYSTEM VALUE VALUES (2, 1, 'R-2', 'Jan', 'Peeters', '', 'Beta', 'BE', '', '', '', 'en', '', 'registered', '{}', '{TKT-JAN}', 1, 0);


--
-- Data for Name: passerelle_schema_version; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.passerelle_schema_version VALUES (true, 2);


--
-- Data for Name: signing_key; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Name: checkpoint_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.checkpoint_id_seq', 1, true);


--
-- Name: hub_alert_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.hub_alert_id_seq', 1, false);


--
-- Name: hub_quarantine_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.hub_quarantine_id_seq', 1, true);


--
-- Name: meeting_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.meeting_id_seq', 1, false);


--
-- Name: participant_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.participant_id_seq', 2, true);


--
-- Name: badge_revocation badge_revocation_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.badge_revocation
    ADD CONSTRAINT badge_revocation_pkey PRIMARY KEY (participant_id, badge_serial);


--
-- Name: checkpoint checkpoint_event_id_source_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.checkpoint
    ADD CONSTRAINT checkpoint_event_id_source_id_key UNIQUE (event_id, source_id);


--
-- Name: checkpoint checkpoint_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.checkpoint
    ADD CONSTRAINT checkpoint_pkey PRIMARY KEY (id);


--
-- Name: double_checkin double_checkin_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.double_checkin
    ADD CONSTRAINT double_checkin_pkey PRIMARY KEY (first_uuid, second_uuid);


--
-- Name: event event_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.event
    ADD CONSTRAINT event_pkey PRIMARY KEY (id);


--
-- Name: feed_counter feed_counter_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.feed_counter
    ADD CONSTRAINT feed_counter_pkey PRIMARY KEY (feed_id);


--
-- Name: hub_alert hub_alert_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_alert
    ADD CONSTRAINT hub_alert_pkey PRIMARY KEY (id);


--
-- Name: hub_authored hub_authored_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_authored
    ADD CONSTRAINT hub_authored_pkey PRIMARY KEY (authored_id);


--
-- Name: hub_device hub_device_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_device
    ADD CONSTRAINT hub_device_pkey PRIMARY KEY (device_id);


--
-- Name: hub_enrolment hub_enrolment_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_enrolment
    ADD CONSTRAINT hub_enrolment_pkey PRIMARY KEY (code_sha256);


--
-- Name: hub_feed hub_feed_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_feed
    ADD CONSTRAINT hub_feed_pkey PRIMARY KEY (seq);


--
-- Name: hub_quarantine hub_quarantine_device_id_raw_sha256_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_quarantine
    ADD CONSTRAINT hub_quarantine_device_id_raw_sha256_key UNIQUE (device_id, raw_sha256);


--
-- Name: hub_quarantine hub_quarantine_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_quarantine
    ADD CONSTRAINT hub_quarantine_pkey PRIMARY KEY (id);


--
-- Name: hub_received hub_received_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_received
    ADD CONSTRAINT hub_received_pkey PRIMARY KEY (uuid);


--
-- Name: hub_token hub_token_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_token
    ADD CONSTRAINT hub_token_pkey PRIMARY KEY (token_sha256);


--
-- Name: journal journal_device_id_seq_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journal
    ADD CONSTRAINT journal_device_id_seq_key UNIQUE (device_id, seq);


--
-- Name: journal journal_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journal
    ADD CONSTRAINT journal_pkey PRIMARY KEY (uuid);


--
-- Name: meeting meeting_event_id_source_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting
    ADD CONSTRAINT meeting_event_id_source_id_key UNIQUE (event_id, source_id);


--
-- Name: meeting meeting_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting
    ADD CONSTRAINT meeting_pkey PRIMARY KEY (id);


--
-- Name: participant participant_event_id_external_id_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participant
    ADD CONSTRAINT participant_event_id_external_id_key UNIQUE (event_id, external_id);


--
-- Name: participant participant_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participant
    ADD CONSTRAINT participant_pkey PRIMARY KEY (id);


--
-- Name: passerelle_schema_version passerelle_schema_version_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.passerelle_schema_version
    ADD CONSTRAINT passerelle_schema_version_pkey PRIMARY KEY (singleton);


--
-- Name: signing_key signing_key_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signing_key
    ADD CONSTRAINT signing_key_pkey PRIMARY KEY (key_id);


--
-- Name: hub_alert_event; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hub_alert_event ON public.hub_alert USING btree (event_id);


--
-- Name: hub_authored_device; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hub_authored_device ON public.hub_authored USING btree (device_id, "position");


--
-- Name: hub_feed_keys; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hub_feed_keys ON public.hub_feed USING btree (seq) WHERE (type = 'key'::text);


--
-- Name: hub_feed_live; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hub_feed_live ON public.hub_feed USING btree (event_id, type, seq);


--
-- Name: hub_quarantine_event; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hub_quarantine_event ON public.hub_quarantine USING btree (event_id);


--
-- Name: hub_quarantine_seq; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hub_quarantine_seq ON public.hub_quarantine USING btree (device_id, seq) WHERE (seq IS NOT NULL);


--
-- Name: hub_token_device; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX hub_token_device ON public.hub_token USING btree (device_id) WHERE (device_id IS NOT NULL);


--
-- Name: journal_attendance; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX journal_attendance ON public.journal USING btree (participant_id, checkpoint_id) WHERE (participant_id IS NOT NULL);


--
-- Name: journal_event; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX journal_event ON public.journal USING btree (event_id, device_id, seq);


--
-- Name: journal journal_immutable; Type: TRIGGER; Schema: public; Owner: -
--

CREATE TRIGGER journal_immutable BEFORE DELETE OR UPDATE ON public.journal FOR EACH ROW EXECUTE FUNCTION public.journal_refuse_change();


--
-- Name: badge_revocation badge_revocation_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.badge_revocation
    ADD CONSTRAINT badge_revocation_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participant(id);


--
-- Name: checkpoint checkpoint_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.checkpoint
    ADD CONSTRAINT checkpoint_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(id);


--
-- Name: hub_authored hub_authored_device_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_authored
    ADD CONSTRAINT hub_authored_device_id_fkey FOREIGN KEY (device_id) REFERENCES public.hub_device(device_id);


--
-- Name: hub_device hub_device_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_device
    ADD CONSTRAINT hub_device_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(id);


--
-- Name: hub_enrolment hub_enrolment_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_enrolment
    ADD CONSTRAINT hub_enrolment_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(id);


--
-- Name: hub_token hub_token_device_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.hub_token
    ADD CONSTRAINT hub_token_device_id_fkey FOREIGN KEY (device_id) REFERENCES public.hub_device(device_id);


--
-- Name: journal journal_checkpoint_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journal
    ADD CONSTRAINT journal_checkpoint_id_fkey FOREIGN KEY (checkpoint_id) REFERENCES public.checkpoint(id);


--
-- Name: journal journal_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journal
    ADD CONSTRAINT journal_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(id);


--
-- Name: journal journal_participant_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.journal
    ADD CONSTRAINT journal_participant_id_fkey FOREIGN KEY (participant_id) REFERENCES public.participant(id);


--
-- Name: meeting meeting_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting
    ADD CONSTRAINT meeting_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(id);


--
-- Name: meeting meeting_participant_a_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting
    ADD CONSTRAINT meeting_participant_a_fkey FOREIGN KEY (participant_a) REFERENCES public.participant(id);


--
-- Name: meeting meeting_participant_b_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.meeting
    ADD CONSTRAINT meeting_participant_b_fkey FOREIGN KEY (participant_b) REFERENCES public.participant(id);


--
-- Name: participant participant_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.participant
    ADD CONSTRAINT participant_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(id);


--
-- Name: signing_key signing_key_event_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.signing_key
    ADD CONSTRAINT signing_key_event_id_fkey FOREIGN KEY (event_id) REFERENCES public.event(id);


--
-- PostgreSQL database dump complete
--

\unrestrict HvOV0i8dQVptJSOdC2fzS3nzUv4e75k91qDkveSCG4eSpx38waRsM6PnTQeJWPr


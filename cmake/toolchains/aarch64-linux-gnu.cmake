# Cross-compiles Passerelle for 64-bit Arm Linux (Raspberry Pi OS arm64, Debian arm64) on a
# Debian 12 amd64 machine, with Debian's cross compiler and the arm64 multiarch -dev packages:
#   dpkg --add-architecture arm64 && apt-get update
#   apt-get install crossbuild-essential-arm64 libsqlite3-dev:arm64 libsodium-dev:arm64 ...
#   cmake -S . -B build/arm64 -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/toolchains/aarch64-linux-gnu.cmake
# The arm64 libraries live at their real multiarch paths (/usr/lib/aarch64-linux-gnu, headers in
# /usr/include shared with amd64), so there is no sysroot: CMAKE_SYSROOT and
# PKG_CONFIG_SYSROOT_DIR stay unset. Arch-independent header-only packages (nlohmann-json3-dev)
# are found through the host's installation.
#
# Two -dev packages are not Multi-Arch: same, and installing their arm64 variant would remove the
# amd64 one: libpq-dev and libcadical-dev. Take their arm64 files aside instead, e.g.
#   apt-get download libpq-dev:arm64 libcadical-dev:arm64 && dpkg -x <each .deb> /opt/arm64-extra
#   (then point libpq.so at /usr/lib/aarch64-linux-gnu/libpq.so.5 and libpq.pc's prefix at
#   /opt/arm64-extra/usr) and configure with
#   PKG_CONFIG_PATH=/opt/arm64-extra/usr/lib/aarch64-linux-gnu/pkgconfig cmake ...
#     -DCADICAL_LIBRARY=/opt/arm64-extra/usr/lib/aarch64-linux-gnu/libcadical.a
# (cadical.hpp is the same header for both architectures.) Only passerelle-hub needs them.

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)

set(PASSERELLE_CROSS_TRIPLET aarch64-linux-gnu)
set(CMAKE_C_COMPILER ${PASSERELLE_CROSS_TRIPLET}-gcc)
set(CMAKE_CXX_COMPILER ${PASSERELLE_CROSS_TRIPLET}-g++)
# CMAKE_AR and CMAKE_RANLIB: CMake finds aarch64-linux-gnu-gcc-ar/-ranlib next to the compiler.

# Libraries, headers and CMake package files: the arm64 multiarch directories under /usr (found as
# /usr/lib/aarch64-linux-gnu through CMAKE_LIBRARY_ARCHITECTURE, which CMake takes from the
# compiler), never the amd64 ones. Programs (pkg-config, protoc...) are the host's.
set(CMAKE_FIND_ROOT_PATH /usr/${PASSERELLE_CROSS_TRIPLET} /)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_LIBRARY_ARCHITECTURE ${PASSERELLE_CROSS_TRIPLET})

# pkg-config: only the arm64 .pc files and the arch-independent ones. PKG_CONFIG_LIBDIR replaces
# the host's default search path (/usr/lib/x86_64-linux-gnu/pkgconfig is never searched).
# PKG_CONFIG_PATH is left as the caller set it: it is searched first, for extra arm64 .pc files.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/${PASSERELLE_CROSS_TRIPLET}/pkgconfig:/usr/share/pkgconfig)
unset(ENV{PKG_CONFIG_SYSROOT_DIR})
# Debian's cross pkg-config wrapper when it is installed (pkgconf's aarch64-linux-gnu-pkg-config),
# otherwise the host's pkg-config with the environment above.
find_program(PASSERELLE_CROSS_PKG_CONFIG NAMES ${PASSERELLE_CROSS_TRIPLET}-pkg-config)
if(PASSERELLE_CROSS_PKG_CONFIG)
  set(PKG_CONFIG_EXECUTABLE ${PASSERELLE_CROSS_PKG_CONFIG} CACHE FILEPATH "pkg-config for aarch64")
endif()

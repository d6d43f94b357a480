# Debian packages (issue #16; deploy/README.md, "Packages"): in a build tree,
#   cpack -G DEB      writes three packages for Debian 12 and Raspberry Pi OS:
#   passerelle-common  the assets both programs read (fonts, sounds, texts, the hub's pages, the demo)
#   passerelle-kiosk   the kiosk, its cage session script, unit, PAM service, user and configuration
#   passerelle-hub     the hub's command and server, its unit and user
# Library dependencies come from the binaries (dpkg-shlibdeps); the programs the scripts call are
# listed by hand. Maintainer scripts: deploy/debian/. /var/lib is never touched by removal or purge:
# it holds the journals, which outlive any package.
include(GNUInstallDirs)

set(passerelle_share ${CMAKE_INSTALL_DATADIR}/passerelle)

# passerelle-common: what print::default_assets_dir() finds at PREFIX/share/passerelle/assets.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/
        DESTINATION ${passerelle_share}/assets COMPONENT common
        PATTERN "kiosk.example.toml" EXCLUDE)

# passerelle-kiosk
install(TARGETS passerelle-kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT kiosk)
install(PROGRAMS ${PROJECT_SOURCE_DIR}/deploy/kiosk-session.sh DESTINATION lib/passerelle COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/systemd/passerelle-kiosk.service DESTINATION /lib/systemd/system
        COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/sysusers.d/passerelle-kiosk.conf DESTINATION lib/sysusers.d
        COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/pam.d/passerelle-kiosk DESTINATION /etc/pam.d COMPONENT kiosk)
# USB sticks mounted read-only for the first-boot screen's bundles (the rule says why).
install(FILES ${PROJECT_SOURCE_DIR}/deploy/udev/90-passerelle-usb.rules DESTINATION /lib/udev/rules.d COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/kiosk.toml DESTINATION /etc/passerelle COMPONENT kiosk)
install(FILES ${PROJECT_SOURCE_DIR}/assets/kiosk.example.toml DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/passerelle-kiosk
        COMPONENT kiosk)

# passerelle-hub (its program's install() is in sync/hub/CMakeLists.txt)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/systemd/passerelle-hub.service DESTINATION /lib/systemd/system
        COMPONENT hub)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/sysusers.d/passerelle-hub.conf DESTINATION lib/sysusers.d COMPONENT hub)
install(FILES ${PROJECT_SOURCE_DIR}/deploy/nginx/passerelle-hub.conf
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/passerelle-hub/examples COMPONENT hub)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL common kiosk hub)
set(CPACK_PACKAGE_NAME passerelle)
set(CPACK_PACKAGE_VENDOR "Passerelle")
set(CPACK_PACKAGE_CONTACT "Passerelle <passerelle@localhost>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
# gzip: a third of xz's time for a few hundred kilobytes more, and CI builds these twice.
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

set(CPACK_DEBIAN_COMMON_PACKAGE_NAME passerelle-common)
set(CPACK_DEBIAN_COMMON_PACKAGE_ARCHITECTURE all)
set(CPACK_DEBIAN_COMMON_DESCRIPTION "Passerelle check-in kiosk: shared assets
 Fonts, sounds, the texts in four languages, the hub's web pages and the demo event read by
 passerelle-kiosk and passerelle-hub.")

set(CPACK_DEBIAN_KIOSK_PACKAGE_NAME passerelle-kiosk)
# cage and Xwayland run the session (deploy/kiosk-session.sh; Debian's cage 0.1.4 will not start
# without Xwayland); systemd-sysusers makes the user; Mesa's DRI drivers draw on any GPU or none.
set(CPACK_DEBIAN_KIOSK_PACKAGE_DEPENDS
    "passerelle-common (>= ${PROJECT_VERSION}), cage, xwayland, libgl1-mesa-dri, systemd, libpam-systemd")
set(CPACK_DEBIAN_KIOSK_DESCRIPTION "Passerelle check-in kiosk
 The fullscreen kiosk that scans participants' QR badges at the door and at B2B tables, keeps a
 local journal in SQLite, works offline and syncs with a Passerelle hub. Runs as the service
 passerelle-kiosk (cage on tty1).")
set(CPACK_DEBIAN_KIOSK_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/kiosk/conffiles ${PROJECT_SOURCE_DIR}/deploy/debian/kiosk/postinst
    ${PROJECT_SOURCE_DIR}/deploy/debian/kiosk/prerm ${PROJECT_SOURCE_DIR}/deploy/debian/kiosk/postrm)

set(CPACK_DEBIAN_HUB_PACKAGE_NAME passerelle-hub)
set(CPACK_DEBIAN_HUB_PACKAGE_DEPENDS "passerelle-common (>= ${PROJECT_VERSION}), systemd")
set(CPACK_DEBIAN_HUB_PACKAGE_SUGGESTS "postgresql, nginx")
set(CPACK_DEBIAN_HUB_DESCRIPTION "Passerelle hub: event set-up, kiosk sync and live attendance
 The organisers' command (events, participants, badges, B2B schedules, reports) and the server
 kiosks sync with, which also serves the organisers' live view. Runs as the service
 passerelle-hub.")
set(CPACK_DEBIAN_HUB_PACKAGE_CONTROL_EXTRA
    ${PROJECT_SOURCE_DIR}/deploy/debian/hub/postinst ${PROJECT_SOURCE_DIR}/deploy/debian/hub/prerm
    ${PROJECT_SOURCE_DIR}/deploy/debian/hub/postrm)

include(CPack)

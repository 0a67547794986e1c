#!/usr/bin/env bash
# macOS: sign Postwright.app (when a Developer ID is given), wrap it in a DMG, notarize and staple it
# (when an Apple ID is given). Without the secrets each step says so and the DMG stays unsigned.
#
#   packaging/macos/sign_and_package.sh DIST_DIR VERSION OUT_DIR
#
# Environment (the release workflow maps repository secrets onto these):
#   MACOS_CERTIFICATE           base64 of the Developer ID Application certificate (.p12)
#   MACOS_CERTIFICATE_PASSWORD  its password
#   MACOS_SIGNING_IDENTITY      e.g. "Developer ID Application: Clinic Software LLC (TEAMID)"
#   APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD   notarytool credentials (an app-specific password)
set -euo pipefail
DIST=$1 VERSION=$2 OUT=$3
APP="$DIST/Postwright.app"
HERE="$(cd "$(dirname "$0")" && pwd)"
DMG="$OUT/Postwright-$VERSION-macos-$(uname -m).dmg"
mkdir -p "$OUT"

if [ -n "${MACOS_CERTIFICATE:-}" ] && [ -n "${MACOS_SIGNING_IDENTITY:-}" ]; then
  KEYCHAIN="$RUNNER_TEMP/postwright-signing.keychain-db"
  KEYCHAIN_PASSWORD=$(uuidgen)
  echo "$MACOS_CERTIFICATE" | base64 --decode > "$RUNNER_TEMP/certificate.p12"
  security create-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
  security set-keychain-settings -lut 21600 "$KEYCHAIN"
  security unlock-keychain -p "$KEYCHAIN_PASSWORD" "$KEYCHAIN"
  security import "$RUNNER_TEMP/certificate.p12" -P "${MACOS_CERTIFICATE_PASSWORD:-}" -A -t cert -f pkcs12 \
    -k "$KEYCHAIN"
  security list-keychains -d user -s "$KEYCHAIN" $(security list-keychains -d user | tr -d '"')
  security set-key-partition-list -S apple-tool:,apple: -k "$KEYCHAIN_PASSWORD" "$KEYCHAIN" >/dev/null
  rm -f "$RUNNER_TEMP/certificate.p12"
  sign() {
    codesign --force --timestamp --options runtime --entitlements "$HERE/entitlements.plist" \
      --sign "$MACOS_SIGNING_IDENTITY" "$@"
  }
  # Inside out: every library and executable, then the nested helper app and frameworks, then the app.
  find "$APP/Contents" -type f \( -name "*.so" -o -name "*.dylib" -o -perm -u+x \) -print0 |
    while IFS= read -r -d '' file; do
      if file "$file" | grep -q "Mach-O"; then sign "$file"; fi
    done
  find "$APP/Contents" -depth -type d \( -name "*.framework" -o -name "*.app" \) -print0 |
    while IFS= read -r -d '' bundle; do sign "$bundle"; done
  sign "$APP"
  codesign --verify --deep --strict --verbose=2 "$APP"
  echo "signed Postwright.app as $MACOS_SIGNING_IDENTITY"
else
  echo "::notice::MACOS_CERTIFICATE / MACOS_SIGNING_IDENTITY not set: Postwright.app keeps PyInstaller's ad-hoc signature"
fi

# The disk image: the app and a link to /Applications to drag it onto.
STAGE="$(mktemp -d)"
cp -R "$APP" "$STAGE/"
ln -s /Applications "$STAGE/Applications"
rm -f "$DMG"
hdiutil create -volname "Postwright $VERSION" -srcfolder "$STAGE" -fs HFS+ -format UDZO -ov "$DMG"
rm -rf "$STAGE"
if [ -n "${MACOS_SIGNING_IDENTITY:-}" ] && [ -n "${MACOS_CERTIFICATE:-}" ]; then
  codesign --force --timestamp --sign "$MACOS_SIGNING_IDENTITY" "$DMG"
fi

if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ] \
   && [ -n "${MACOS_CERTIFICATE:-}" ]; then
  xcrun notarytool submit "$DMG" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait --timeout 30m
  xcrun stapler staple "$DMG"
  xcrun stapler validate "$DMG"
  echo "notarized and stapled $DMG"
else
  echo "::notice::APPLE_ID / APPLE_TEAM_ID / APPLE_APP_PASSWORD not set (or the app is unsigned): not notarized"
fi
echo "$DMG"

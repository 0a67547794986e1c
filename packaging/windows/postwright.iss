; Inno Setup script for Postwright's Windows installer (Inno Setup 6; the release workflow runs it):
;   iscc /DAppVersion=0.2.0 /DSourceDir=build\bundle\pyinstaller-dist\postwright
;        /DIconFile=build\bundle\icons\postwright.ico /DOutputDir=dist packaging\windows\postwright.iss
; It installs for the current user without administrator rights (or for everyone, if chosen),
; adds a Start menu entry, opens .postwright libraries with Postwright, and uninstalls cleanly.
; The user's library, settings and logs (in %LOCALAPPDATA%\Postwright) are never removed.

#ifndef AppVersion
  #error Pass /DAppVersion=X.Y.Z
#endif
#ifndef SourceDir
  #error Pass /DSourceDir=<the PyInstaller folder>
#endif
#ifndef IconFile
  #error Pass /DIconFile=<postwright.ico>
#endif
#ifndef OutputDir
  #define OutputDir "dist"
#endif

[Setup]
AppId={{4C1B6E2A-8F3D-4C55-9A57-2F0E6B1D7A31}
AppName=Postwright
AppVersion={#AppVersion}
AppVerName=Postwright {#AppVersion}
AppPublisher=Postwright
DefaultDirName={autopf}\Postwright
DefaultGroupName=Postwright
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
OutputDir={#OutputDir}
OutputBaseFilename=Postwright-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\postwright.exe
UninstallDisplayName=Postwright
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An update replaces the bundle's own files; left-over modules of an older version must not load.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\Postwright"; Filename: "{app}\postwright.exe"; Comment: "Write patient-facing medical posts"
Name: "{autodesktop}\Postwright"; Filename: "{app}\postwright.exe"; Tasks: desktopicon

[Registry]
; .postwright libraries open in Postwright (HKA: the current user's or the machine's classes, by install mode).
Root: HKA; Subkey: "Software\Classes\.postwright\OpenWithProgids"; ValueType: string; ValueName: "Postwright.Library"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Postwright.Library"; ValueType: string; ValueName: ""; ValueData: "Postwright library"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Postwright.Library\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\postwright.exe,0"
Root: HKA; Subkey: "Software\Classes\Postwright.Library\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\postwright.exe"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\postwright.exe\SupportedTypes"; ValueType: string; ValueName: ".postwright"; ValueData: ""

[Run]
Filename: "{app}\postwright.exe"; Description: "{cm:LaunchProgram,Postwright}"; Flags: nowait postinstall skipifsilent

; Inno Setup script for the Windows installer of Số hóa hồ sơ (digitize).
; Built by packaging/windows/build.ps1 after PyInstaller has produced dist\digitize.
#define AppName "Số hóa hồ sơ"
#define AppVersion "0.1.0"

[Setup]
AppId={{5C1F7C38-6E2B-4B8E-9E0B-7A1D2B3C4D5E}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher=digitize
DefaultDirName={autopf}\Digitize
DefaultGroupName={#AppName}
OutputDir=..\..\dist
OutputBaseFilename=digitize-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequiredOverridesAllowed=dialog
ChangesAssociations=yes
SetupIconFile=..\icons\digitize.ico

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "..\..\dist\digitize\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\digitize-app.exe"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\digitize-app.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình / desktop icon"

[Registry]
Root: HKA; Subkey: "Software\Classes\.dgz"; ValueType: string; ValueData: "Digitize.Container"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Digitize.Container"; ValueType: string; ValueData: "Gói hồ sơ số hóa"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Digitize.Container\DefaultIcon"; ValueType: string; ValueData: "{app}\digitize-app.exe,0"
Root: HKA; Subkey: "Software\Classes\Digitize.Container\shell\open\command"; ValueType: string; ValueData: """{app}\digitize-app.exe"" ""%1"""

[Run]
Filename: "{app}\digitize-app.exe"; Description: "Mở ứng dụng / launch"; Flags: nowait postinstall skipifsilent

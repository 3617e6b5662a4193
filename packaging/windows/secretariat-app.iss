; Inno Setup 6 script: a per-user installer of the bundle in dist\secretariat-app (built by
; packaging\windows\build.ps1, which passes /DAppVersion=...). No administrator rights: the app
; goes to %LOCALAPPDATA%\Programs\Forum Secretariat with a Start-menu entry. Uninstalling removes
; the program only: the user's database, backups and settings in %LOCALAPPDATA%\secretariat-app
; (and %APPDATA%\secretariat-app) are the app's data folders, which the installer never lists.
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{6F1C2B9E-3D4A-4E7B-9C58-2A1D7F0B4E63}
AppName=Forum Secretariat
AppVersion={#AppVersion}
AppPublisher=Secretariat of the Forum of Interregional Cooperation of Kazakhstan and Russia
DefaultDirName={localappdata}\Programs\Forum Secretariat
DefaultGroupName=Forum Secretariat
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=secretariat-app-{#AppVersion}-setup
SetupIconFile=..\..\resources\secretariat-app.ico
UninstallDisplayIcon={app}\secretariat-app.exe
UninstallDisplayName=Forum Secretariat {#AppVersion}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\dist\secretariat-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; An upgrade replaces the program folder wholesale, so no file of an older version is left behind.
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{userprograms}\Forum Secretariat"; Filename: "{app}\secretariat-app.exe"; Parameters: "gui"; WorkingDir: "{userdocs}"
Name: "{userdesktop}\Forum Secretariat"; Filename: "{app}\secretariat-app.exe"; Parameters: "gui"; WorkingDir: "{userdocs}"; Tasks: desktopicon

[Run]
Filename: "{app}\secretariat-app.exe"; Parameters: "gui"; Description: "{cm:LaunchProgram,Forum Secretariat}"; Flags: nowait postinstall skipifsilent

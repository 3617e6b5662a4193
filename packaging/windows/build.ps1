# Build the Windows bundle and its installer, on Windows (PowerShell 5+, Python 3.11+ on PATH as
# `py`, Inno Setup 6 for the installer):
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build.ps1
# The same steps as packaging/build.sh on Linux: install the package (not editable, so its
# compiled catalogs exist) into build\bundle-venv, run PyInstaller on packaging\secretariat-app.spec
# (which adds resources\secretariat-app.ico and packaging\windows\version_info.txt on Windows),
# giving dist\secretariat-app\secretariat-app.exe; then Inno Setup compiles
# packaging\windows\secretariat-app.iss into dist\secretariat-app-VERSION-setup.exe.
$ErrorActionPreference = "Stop"
$repo = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $repo
$venv = Join-Path $repo "build\bundle-venv"
$python = Join-Path $venv "Scripts\python.exe"
$started = Get-Date

function Invoke-Checked([string]$what, [scriptblock]$block) {
    & $block
    if ($LASTEXITCODE -ne 0) { throw "build.ps1: $what failed (exit code $LASTEXITCODE)" }
}

if (-not (Test-Path $python)) { Invoke-Checked "creating the venv" { py -3 -m venv $venv } }
Invoke-Checked "upgrading pip" { & $python -m pip install -q --upgrade pip }
Invoke-Checked "installing PyInstaller" { & $python -m pip install -q "pyinstaller>=6.10" }
Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $repo "build\lib")
Invoke-Checked "installing the package" { & $python -m pip install -q --force-reinstall --no-deps $repo }
Invoke-Checked "installing its dependencies" { & $python -m pip install -q $repo }

Remove-Item -Recurse -Force -ErrorAction SilentlyContinue (Join-Path $repo "dist\secretariat-app")
Invoke-Checked "PyInstaller" {
    & (Join-Path $venv "Scripts\pyinstaller.exe") --noconfirm --clean --log-level WARN `
        --distpath (Join-Path $repo "dist") --workpath (Join-Path $repo "build\pyinstaller") `
        packaging\secretariat-app.spec
}
$exe = Join-Path $repo "dist\secretariat-app\secretariat-app.exe"
if (-not (Test-Path $exe)) { throw "build.ps1: no executable at $exe" }
$size = (Get-ChildItem -Recurse (Join-Path $repo "dist\secretariat-app") | Measure-Object -Sum Length).Sum / 1MB
Write-Host ("build.ps1: bundle {0:N0} MB in dist\secretariat-app" -f $size)

$version = & $python -c "import secretariat_app; print(secretariat_app.__version__)"
$iscc = Get-Command iscc.exe -ErrorAction SilentlyContinue
if (-not $iscc) { $iscc = Get-Item "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe" -ErrorAction SilentlyContinue }
if ($iscc) {
    Invoke-Checked "Inno Setup" { & $iscc "/DAppVersion=$version" packaging\windows\secretariat-app.iss }
    Write-Host "build.ps1: installer dist\secretariat-app-$version-setup.exe"
} else {
    Write-Host "build.ps1: Inno Setup 6 (ISCC.exe) not found; the bundle is built, the installer is not."
}
Write-Host ("build.ps1: done in {0:N0} s" -f ((Get-Date) - $started).TotalSeconds)

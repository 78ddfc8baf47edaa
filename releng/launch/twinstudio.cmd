@echo off
rem Twinstudio start script for Windows (installed at the root of the product).
rem
rem   twinstudio [WORKBENCH-OPTIONS]   start the IDE (e.g. -data WORKSPACE, -clean, -consoleLog)
rem   twinstudio PATH [OPTIONS]        start the IDE and open this folder (as a project where it lies) or .twin
rem                                    model: PATH becomes --open PATH for the workbench
rem   twinstudio COMMAND [ARGS...]     run the headless command line tool, no display needed:
rem                                    twinstudio validate plant.twin, twinstudio --help, twinstudio --version
rem
rem A first argument that is a word (a command; unless it names an existing folder or .twin file), an option
rem starting with "--" (but --open), or -h / -V selects the command line tool; anything else starts the IDE. The
rem exit code of the command line tool is passed through.
rem
rem Java: the runtime bundled in jre\ first, then %JAVA_HOME%, then java.exe on the PATH; Java 21 or newer.
rem Environment: TWINSTUDIO_VM_ARGS adds JVM options (e.g. -Xmx4g); TWINSTUDIO_JAVA_HOME picks a Java before all
rem others; JAVA_HOME as above.
setlocal EnableExtensions DisableDelayedExpansion

set "TS_REQUIRED_JAVA=21"
set "TS_CLI_APPLICATION=org.twinstudio.cli.app"
set "TS_HOME=%~dp0"
if "%TS_HOME:~-1%"=="\" set "TS_HOME=%TS_HOME:~0,-1%"

set "TS_LAUNCHER="
for %%F in ("%TS_HOME%\plugins\org.eclipse.equinox.launcher_*.jar") do set "TS_LAUNCHER=%%~fF"
if not defined TS_LAUNCHER goto :nolauncher

rem Pick the Java runtime.
set "TS_JAVA="
if defined TWINSTUDIO_JAVA_HOME set "TS_JAVA=%TWINSTUDIO_JAVA_HOME%\bin\java.exe"
if not defined TS_JAVA if exist "%TS_HOME%\jre\bin\java.exe" set "TS_JAVA=%TS_HOME%\jre\bin\java.exe"
if not defined TS_JAVA if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "TS_JAVA=%JAVA_HOME%\bin\java.exe"
if not defined TS_JAVA for %%J in (java.exe) do if not "%%~$PATH:J"=="" set "TS_JAVA=%%~$PATH:J"
if not defined TS_JAVA goto :nojava

rem Its feature version, from the first line of "java -version": openjdk version "25.0.1" 2025-10-21
set "TS_JAVA_VERSION="
for /f "tokens=3" %%V in ('call "%TS_JAVA%" -version 2^>^&1') do if not defined TS_JAVA_VERSION set "TS_JAVA_VERSION=%%~V"
set "TS_JAVA_MAJOR="
for /f "tokens=1,2 delims=.-+_" %%A in ("%TS_JAVA_VERSION%") do (
    set "TS_JAVA_MAJOR=%%A"
    if "%%A"=="1" set "TS_JAVA_MAJOR=%%B"
)
set /a "TS_JAVA_MAJOR_NUM=TS_JAVA_MAJOR" 2>nul
if not defined TS_JAVA_MAJOR goto :badjava
if %TS_JAVA_MAJOR_NUM% LSS %TS_REQUIRED_JAVA% goto :badjava

set "TS_VM_COMMON=--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Dosgi.requiredJavaVersion=%TS_REQUIRED_JAVA%"
rem Logging: SLF4J (Jetty, the diagram server) and Java logging (SPI Fly) report warnings and errors only.
set "TS_VM_COMMON=%TS_VM_COMMON% -Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
if exist "%TS_HOME%\logging.properties" set TS_VM_COMMON=%TS_VM_COMMON% "-Djava.util.logging.config.file=%TS_HOME%\logging.properties"

rem Class data sharing: the JVM archives the classes it loaded when it exits and maps them at the next start
rem (made at the first exit, remade when Java or the product changes), in the configuration area.
set "TS_CDS=%TS_HOME%\configuration\.cds"
if not exist "%TS_CDS%\" mkdir "%TS_CDS%" 2>nul
set "TS_CDS_IDE="
set "TS_CDS_CLI="
if exist "%TS_CDS%\" set TS_CDS_IDE=-XX:+AutoCreateSharedArchive -Xlog:cds*=off "-XX:SharedArchiveFile=%TS_CDS%\ide.jsa"
if exist "%TS_CDS%\" set TS_CDS_CLI=-XX:+AutoCreateSharedArchive -Xlog:cds*=off "-XX:SharedArchiveFile=%TS_CDS%\cli.jsa"

rem Command line tool or IDE?
set "TS_FIRST=%~1"
if not defined TS_FIRST goto :ide
if "%TS_FIRST%"=="--open" goto :ide
if "%TS_FIRST:~0,2%"=="--" goto :cli
if "%TS_FIRST%"=="-h" goto :cli
if "%TS_FIRST%"=="-V" goto :cli
if "%TS_FIRST:~0,1%"=="-" goto :ide
if exist "%TS_FIRST%\*" goto :idepath
if /i "%~x1"==".twin" if exist "%TS_FIRST%" goto :idepath
goto :cli

:cli
rem Headless: no splash, no workbench, a throw-away workspace so that nothing is locked or left behind.
set "TS_DATA=%TEMP%\twinstudio-cli-%RANDOM%%RANDOM%"
rem Simulations get the optimising compiler and the default heap; short commands the quick compiler and a small heap.
set "TS_VM_CLI=-Xms32m -Xmx1g -XX:TieredStopAtLevel=1"
for %%c in (run test bench bench-fmu bench-test bench-diagram serve) do if /i "%TS_FIRST%"=="%%c" set "TS_VM_CLI=-Xms64m"
rem Real-time loops: the optimising compiler and ZGC, whose pauses stay far under a millisecond.
for %%c in (hil bench-hil) do if /i "%TS_FIRST%"=="%%c" set "TS_VM_CLI=-Xms256m -XX:+UseZGC"
if "%TS_VM_CLI%"=="-Xms32m -Xmx1g -XX:TieredStopAtLevel=1" goto :clirun
set "TS_CDS_CLI="
if exist "%TS_CDS%\" set TS_CDS_CLI=-XX:+AutoCreateSharedArchive -Xlog:cds*=off "-XX:SharedArchiveFile=%TS_CDS%\cli-compute.jsa"
:clirun
"%TS_JAVA%" %TS_VM_COMMON% %TS_CDS_CLI% %TS_VM_CLI% -Djava.awt.headless=true %TWINSTUDIO_VM_ARGS% -jar "%TS_LAUNCHER%" -nosplash -application %TS_CLI_APPLICATION% -data "%TS_DATA%" %*
set "TS_RC=%ERRORLEVEL%"
if exist "%TS_DATA%" rd /s /q "%TS_DATA%"
exit /b %TS_RC%

:ide
"%TS_JAVA%" %TS_VM_COMMON% %TS_CDS_IDE% -Xms256m -Xmx2g %TWINSTUDIO_VM_ARGS% -jar "%TS_LAUNCHER%" %*
exit /b %ERRORLEVEL%

:idepath
rem The IDE opening the folder or model given first (absolute path); the other arguments follow.
set "TS_OPEN=%~f1"
set "TS_REST="
shift
:collect
if "%~1"=="" goto :idepath_run
set TS_REST=%TS_REST% %1
shift
goto :collect
:idepath_run
"%TS_JAVA%" %TS_VM_COMMON% %TS_CDS_IDE% -Xms256m -Xmx2g %TWINSTUDIO_VM_ARGS% -jar "%TS_LAUNCHER%" --open "%TS_OPEN%"%TS_REST%
exit /b %ERRORLEVEL%

:badjava
echo twinstudio: "%TS_JAVA%" is Java %TS_JAVA_VERSION%; Twinstudio needs Java %TS_REQUIRED_JAVA% or newer. Set JAVA_HOME to a newer Java. 1>&2
exit /b 1

:nolauncher
echo twinstudio: no org.eclipse.equinox.launcher jar in "%TS_HOME%\plugins": the installation is incomplete 1>&2
exit /b 1

:nojava
echo twinstudio: no Java runtime found. Twinstudio needs Java %TS_REQUIRED_JAVA% or newer: install one and put it on the PATH, or set JAVA_HOME. 1>&2
exit /b 1

@echo off
rem fer: the fer4j command-line app. Runs org.fer4j.examples.FerApp with the jars of ..\lib.
rem Java 17 or later: %JAVA_HOME%\bin\java when JAVA_HOME is set, else java on the PATH.
rem JAVA_OPTS passes JVM options, e.g. set JAVA_OPTS=-Xmx4g.
setlocal
set "FER_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
"%JAVA%" %JAVA_OPTS% -cp "%FER_HOME%\lib\*" org.fer4j.examples.FerApp %*
exit /b %ERRORLEVEL%

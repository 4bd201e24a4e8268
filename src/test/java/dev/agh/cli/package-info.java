/** In-process tests of the command line: arguments in; exit code, stdout and stderr out; embedded and over HTTP. */
package dev.agh.cli;

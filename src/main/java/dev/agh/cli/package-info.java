/** The picocli command tree: one small class per command, shared output and exit-code handling. */
package dev.agh.cli;

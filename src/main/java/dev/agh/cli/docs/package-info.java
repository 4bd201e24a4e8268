/**
 * Distribution: the {@code completion} and {@code help} commands, and the generators of the completion scripts
 * ({@code completions/}) and man pages ({@code man/}) from the picocli command model, plus the training run
 * that the build records for the launcher's class-data-sharing archive.
 */
package dev.agh.cli.docs;

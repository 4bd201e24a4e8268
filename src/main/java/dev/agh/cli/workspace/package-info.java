/** {@code agh workspace …}: registering the directories that workspace-scoped tasks belong to. */
package dev.agh.cli.workspace;

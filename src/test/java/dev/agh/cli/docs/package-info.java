/** Tests of the distribution: generated completions and man pages, help, version, colours and the lazy command tree. */
package dev.agh.cli.docs;

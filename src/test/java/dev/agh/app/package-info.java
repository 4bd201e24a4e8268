/** Tests of the composition root: a real server process, its data directory and its durability. */
package dev.agh.app;

/** Tests of the terminal UI: the pure view and keys on fixed sizes, and the loop on a virtual terminal. */
package dev.agh.tui;

/** Architecture rules of the main code (package layering, naming, package documentation), enforced with ArchUnit. */
package dev.agh.architecture;

package dev.agh.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code agh --version}: the version from the jar manifest and the Java runtime. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = RootCommand.class.getPackage().getImplementationVersion();
    return new String[] {
      "agh " + (version == null ? "development build" : version),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}

package dev.agh.store.jdbi;

/** The few places where H2 and PostgreSQL differ; everything else is one SQL text. */
public enum Dialect {
  H2("CLOB"),
  POSTGRESQL("TEXT");

  private final String textType;

  Dialect(String textType) {
    this.textType = textType;
  }

  public String textType() {
    return textType;
  }

  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw dev.agh.domain.AghException.invalid("unsupported database URL (use jdbc:h2: or jdbc:postgresql:): " + jdbcUrl);
  }
}

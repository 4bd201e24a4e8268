package dev.agh.store.jdbi;

/** The few places where H2 and PostgreSQL differ; everything else is one SQL text. */
public enum Dialect {
    H2("CLOB", ""),
    POSTGRESQL("TEXT", " STORED");

    private final String textType;
    private final String storedGenerated;

    Dialect(String textType, String storedGenerated) {
        this.textType = textType;
        this.storedGenerated = storedGenerated;
    }

    public String textType() {
        return textType;
    }

    /** What ends a generated column's definition: PostgreSQL needs STORED, H2 refuses it (it always stores). */
    public String storedGenerated() {
        return storedGenerated;
    }

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw dev.agh.domain.AghException.invalid(
                "unsupported database URL (use jdbc:h2: or jdbc:postgresql:): " + jdbcUrl);
    }
}

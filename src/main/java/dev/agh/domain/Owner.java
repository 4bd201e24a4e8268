package dev.agh.domain;

/** The operational assignee of a task. */
public record Owner(OwnerKind kind, String ref) {
    /** Parses {@code KIND:REF} as typed on the command line. */
    public static Owner parse(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw AghException.invalid("owner must look like KIND:REF, e.g. human:ana or pool:reviewers");
        }
        OwnerKind kind = WireEnum.parse(OwnerKind.class, "owner.kind", text.substring(0, colon));
        return new Owner(kind, text.substring(colon + 1).trim());
    }
}

package dev.agh.domain;

/** Task priority; the rank is stored so that claim ordering sorts through an index. */
public enum Priority implements WireEnum {
    LOW(10),
    MEDIUM(20),
    HIGH(30),
    URGENT(40);

    private final int rank;

    Priority(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}

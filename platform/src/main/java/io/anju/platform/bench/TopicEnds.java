package io.anju.platform.bench;

/**
 * Prints how many records each named topic holds (the sum of its partitions' end offsets), one {@code topic count}
 * line each on standard output, the tool's output: the broker's own count, for benchmarks that check nothing
 * acknowledged was lost ({@code ./anju bench stall}). Usage: {@code TopicEnds BOOTSTRAP TOPIC...}.
 */
public final class TopicEnds {
    private TopicEnds() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: TopicEnds BOOTSTRAP TOPIC...");
        }
        try (KafkaPositions positions = new KafkaPositions(args[0])) {
            for (int i = 1; i < args.length; i++) {
                System.out.println(args[i] + " " + positions.endOffsets(args[i]));
            }
        }
    }
}

package io.anju.bench.e2e;

import io.anju.common.topic.KafkaConnection;

/**
 * Prints how many records each named topic holds (the sum of its partitions' end offsets), one {@code topic count}
 * line each on standard output, the tool's output: the broker's own count, for benchmarks that check nothing
 * acknowledged was lost ({@code ./anju bench stall}). Usage: {@code TopicEnds BOOTSTRAP CLIENT_CONFIG TOPIC...}, with
 * the broker's client properties file (empty = PLAINTEXT).
 */
public final class TopicEnds {
    private TopicEnds() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: TopicEnds BOOTSTRAP CLIENT_CONFIG TOPIC...");
        }
        try (KafkaPositions positions = new KafkaPositions(KafkaConnection.of(args[0], args[1], "CLIENT_CONFIG"))) {
            for (int i = 2; i < args.length; i++) {
                System.out.println(args[i] + " " + positions.endOffsets(args[i]));
            }
        }
    }
}

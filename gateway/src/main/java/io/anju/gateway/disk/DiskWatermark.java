package io.anju.gateway.disk;

/**
 * When free space counts as low: below {@code minFreeBytes} or below {@code minFreeFraction} of the file system,
 * whichever is larger. Low space clears only {@link #RESUME_MARGIN} above the mark, so that a disk hovering at the
 * mark does not switch ingest on and off with every write.
 *
 * @param minFreeBytes    {@code disk.minFreeBytes}
 * @param minFreeFraction {@code disk.minFreeFraction}
 */
public record DiskWatermark(long minFreeBytes, double minFreeFraction) {
    /** Low space clears at the mark plus this share of it. */
    public static final double RESUME_MARGIN = 0.1;

    /** The free bytes below which a file system of {@code totalBytes} is low. */
    public long lowBelow(long totalBytes) {
        return Math.max(minFreeBytes, (long) (totalBytes * minFreeFraction));
    }

    /** The free bytes from which a low file system of {@code totalBytes} is fine again. */
    public long fineFrom(long totalBytes) {
        long mark = lowBelow(totalBytes);
        return mark + (long) (mark * RESUME_MARGIN);
    }
}

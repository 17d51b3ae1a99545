package io.anju.dashboards.web;

import io.anju.common.model.CrowdZone;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places the crowd zones of Beiyuanmen street on a 1000 × 400 schematic when the registry has no geometry: the
 * entrance zones stand at the two ends of the street (the first half at the left, the rest at the right), the other
 * zones fill the street between them in two rows, in registry order. The same registry always gives the same picture.
 */
public final class ZoneLayout {
    public static final int WIDTH = 1000;
    public static final int HEIGHT = 400;
    private static final int MARGIN = 10;
    private static final int GAP = 10;

    /** A zone's box on the schematic. */
    public record Box(int x, int y, int w, int h) {
    }

    private ZoneLayout() {
    }

    public static Map<String, Box> of(List<CrowdZone> zones) {
        List<CrowdZone> entrances = zones.stream().filter(CrowdZone::entrance).toList();
        List<CrowdZone> street = zones.stream().filter(z -> !z.entrance()).toList();
        List<CrowdZone> left = entrances.subList(0, (entrances.size() + 1) / 2);
        List<CrowdZone> right = entrances.subList(left.size(), entrances.size());
        int rows = street.size() > 1 ? 2 : 1;
        int streetColumns = (street.size() + rows - 1) / rows;

        List<List<CrowdZone>> columns = new ArrayList<>();
        if (!left.isEmpty()) {
            columns.add(left);
        }
        int firstStreetColumn = columns.size();
        for (int c = 0; c < streetColumns; c++) {
            columns.add(new ArrayList<>());
        }
        for (int i = 0; i < street.size(); i++) {
            // Row-major: the first row walks the street, the second row walks it again below.
            columns.get(firstStreetColumn + i % streetColumns).add(street.get(i));
        }
        if (!right.isEmpty()) {
            columns.add(right);
        }

        Map<String, Box> boxes = new LinkedHashMap<>();
        if (columns.isEmpty()) {
            return boxes;
        }
        double columnWidth = (WIDTH - 2.0 * MARGIN - (columns.size() - 1) * GAP) / columns.size();
        for (int c = 0; c < columns.size(); c++) {
            List<CrowdZone> column = columns.get(c);
            boolean streetColumn = c >= firstStreetColumn && c < firstStreetColumn + streetColumns;
            int slots = streetColumn ? rows : column.size();
            double rowHeight = (HEIGHT - 2.0 * MARGIN - (slots - 1) * GAP) / slots;
            int x = (int) Math.round(MARGIN + c * (columnWidth + GAP));
            for (int r = 0; r < column.size(); r++) {
                int y = (int) Math.round(MARGIN + r * (rowHeight + GAP));
                boxes.put(column.get(r).id(), new Box(x, y, (int) Math.round(columnWidth), (int) Math.round(rowHeight)));
            }
        }
        return boxes;
    }
}

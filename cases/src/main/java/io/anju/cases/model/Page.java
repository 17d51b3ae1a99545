package io.anju.cases.model;

import java.util.List;

/** One page of a list, with the total count of rows that match. */
public record Page<T>(List<T> items, long total, int limit, int offset) {
}

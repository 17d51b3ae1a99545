package io.anju.cases.routing;

import io.anju.cases.model.Level;
import io.anju.common.model.LocationChain;

/**
 * Where a new case goes: its completed location chain, its category and department, and the unit that owns it.
 *
 * @param location      sub-district, community, grid and compound or zone, as complete as the registry allows
 * @param category      the case's category
 * @param department    the responsible department code
 * @param assignedLevel the level that owns the case: the grid when one is known, else the nearest level above
 * @param assignedUnit  the id of the owning unit at that level
 */
public record Routing(LocationChain location, Category category, String department, Level assignedLevel,
                      String assignedUnit) {
}

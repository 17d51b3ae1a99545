package io.anju.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What was installed and who looks after it: the product (vendor, model, firmware the installer recorded; a device
 * reports its running firmware in its status messages) and the property company responsible for it. Every part may be
 * unknown for devices registered before these were recorded.
 *
 * @param installedOn     ISO date ({@code 2026-03-01})
 * @param propertyCompany the company managing the compound's property, responsible for the device on site
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Installation(String vendor, String model, String firmware, String installedOn,
                           String propertyCompany) {
}

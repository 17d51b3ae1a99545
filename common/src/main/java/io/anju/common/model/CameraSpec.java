package io.anju.common.model;

/** What a video-analytics camera watches ({@code elevator}, {@code corridor}, {@code shed}, {@code fire_lane}) and where. */
public record CameraSpec(String watches, String building) {
}

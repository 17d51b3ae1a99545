package io.anju.common.model;

/** A sub-district (街道) with its Chinese and pinyin names. */
public record SubDistrict(String id, String name, String nameEn) {
}

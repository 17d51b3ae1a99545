package io.anju.registry.generate;

import java.util.List;

/**
 * The published shape of Lianhu District's grid governance (see docs on domain facts): the real sub-districts
 * and the district-wide counts the generator must reproduce exactly.
 */
final class LianhuShape {
    /** A real sub-district, with the number of communities the generator gives it and roads for addresses. */
    record SubDistrictShape(String name, String nameEn, int communities, List<String> roads) {
    }

    /**
     * The nine sub-districts in the district's own order. Community counts per sub-district are estimates
     * that add up to the published 131; the roads are real streets of each area, used for generated addresses.
     */
    static final List<SubDistrictShape> SUB_DISTRICTS = List.of(
            new SubDistrictShape("北院门", "Beiyuanmen", 10, List.of("北院门", "西大街", "庙后街", "大皮院", "西羊市", "北广济街")),
            new SubDistrictShape("青年路", "Qingnianlu", 13, List.of("青年路", "莲湖路", "西华门大街", "北大街", "红埠街")),
            new SubDistrictShape("北关", "Beiguan", 18, List.of("北关正街", "龙首北路", "自强西路", "北二环西段", "龙首村")),
            new SubDistrictShape("西关", "Xiguan", 15, List.of("西关正街", "劳动南路", "西稍门", "大庆路", "沣镐东路")),
            new SubDistrictShape("环城西路", "Huanchengxilu", 13, List.of("环城西路", "玉祥门", "洒金桥", "西北一路", "西北三路")),
            new SubDistrictShape("红庙坡", "Hongmiaopo", 17, List.of("红庙坡路", "星火路", "建工路", "大兴东路", "丰禾路")),
            new SubDistrictShape("土门", "Tumen", 16, List.of("土门街", "劳动路", "大庆路", "红光路", "丰庆路")),
            new SubDistrictShape("桃园路", "Taoyuanlu", 15, List.of("桃园北路", "桃园南路", "团结路", "汉城路", "大庆路")),
            new SubDistrictShape("枣园", "Zaoyuan", 14, List.of("枣园东路", "枣园西路", "汉城北路", "星火西路", "丰登路")));

    static final int COMMUNITIES = 131;
    static final int GRIDS = 364;
    static final int CHARGER_COMPOUNDS = 424;
    static final int SECURITY_COMPOUNDS = 25;
    /** How many of the smart-security compounds also have chargers; the others are security-only compounds. */
    static final int SECURITY_WITH_CHARGERS = 12;
    /** Grids a single community may have at most. */
    static final int MAX_GRIDS_PER_COMMUNITY = 6;
    /** Index into {@link #SUB_DISTRICTS} of Beiyuanmen, home of the historic street's crowd zones. */
    static final int BEIYUANMEN = 0;

    private LianhuShape() {
    }
}

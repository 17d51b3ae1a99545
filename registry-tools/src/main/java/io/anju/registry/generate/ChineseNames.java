package io.anju.registry.generate;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Plausible, generated Chinese names for communities, compounds and grid workers. Names are unique within
 * their kind; they are drawn from the seeded random, so the same seed gives the same names.
 */
final class ChineseNames {
    private static final List<String> COMMUNITY_STEMS = List.of(
            "莲湖", "桃园", "劳动", "丰庆", "红光", "大庆", "土门", "枣园", "西关", "北关", "青年", "红庙坡",
            "星火", "西华门", "洒金桥", "大麦市", "庙后", "习武园", "药王洞", "玉祥门", "西斜", "团结",
            "沣镐", "永新", "汉城", "环西", "梨园", "龙首", "自强", "三民", "光华", "友谊", "和平", "开远",
            "安定", "广济", "双仁", "北马道", "二府", "早慈", "五星", "红缨", "老关庙", "丰登", "建工", "大兴");
    private static final List<String> COMMUNITY_SUFFIXES = List.of(
            "", "路", "街", "巷", "坊", "里", "东", "西", "南", "北", "新村", "苑");
    private static final List<String> COMPOUND_STEMS = List.of(
            "锦园", "金桥", "丰禾", "华清", "长乐", "泰和", "康乐", "怡景", "翠华", "安居", "祥和", "紫薇",
            "秦川", "汉唐", "未央", "龙门", "阳光", "银杏", "书香", "明德", "兴隆", "瑞祥", "嘉禾", "绿苑",
            "盛世", "永安", "福润", "恒大", "新城", "凤栖", "望月", "丝路", "开元", "西苑", "海棠", "梧桐",
            "西电", "陕汽", "铁路", "电力", "邮电", "纺织", "省建", "市政", "烟草", "水文", "气象", "机械");
    private static final List<String> COMPOUND_KINDS = List.of(
            "小区", "家园", "花园", "苑", "公寓", "新村", "家属院", "大院", "名苑", "佳园", "华府");
    private static final List<String> SURNAMES = List.of(
            "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭",
            "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾",
            "田", "董", "袁", "潘", "蒋", "蔡", "杜", "程", "苏", "魏", "吕", "丁", "任", "姚", "崔", "雷");
    private static final List<String> GIVEN = List.of(
            "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
            "超", "秀兰", "霞", "平", "刚", "桂英", "华", "红", "建华", "晓燕", "文", "斌", "鹏", "宁", "亮",
            "慧", "婷", "玲", "颖", "峰", "辉", "欣", "雪", "萍", "荣", "佳", "建国", "小军", "春梅", "志强");
    private static final List<String> PHASES = List.of("二期", "三期", "四期", "东区", "西区", "南区", "北区");

    private final SplittableRandom random;
    private final Set<String> usedCommunities = new HashSet<>();
    private final Set<String> usedCompounds = new HashSet<>();

    ChineseNames(SplittableRandom random) {
        this.random = random;
    }

    String community() {
        while (true) {
            String name = pick(COMMUNITY_STEMS) + pick(COMMUNITY_SUFFIXES) + "社区";
            if (usedCommunities.add(name)) {
                return name;
            }
        }
    }

    String compound() {
        String base = pick(COMPOUND_STEMS) + pick(COMPOUND_KINDS);
        if (usedCompounds.add(base)) {
            return base;
        }
        for (String phase : PHASES) {
            if (usedCompounds.add(base + phase)) {
                return base + phase;
            }
        }
        return compound();
    }

    String person() {
        return pick(SURNAMES) + pick(GIVEN);
    }

    <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }
}

package io.anju.dashboards.reply;

import io.anju.common.text.Lang;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Every error the dashboards answer themselves reads in Chinese and in English, and only those have words. */
class ErrorWordsTest {

    @Test
    void everyKindHasItsWordsInEachLanguage_andNoOtherKeysAreKept() {
        Set<String> keys = new TreeSet<>();
        ErrorWords.KINDS.forEach(k -> keys.add("error." + k));
        for (Lang lang : Lang.values()) {
            assertThat(ErrorWords.TEXTS.ownKeys(lang)).as("%s", lang).isEqualTo(keys);
        }
        for (String kind : ErrorWords.KINDS) {
            assertThat(ErrorWords.message(Lang.ZH, kind, "detail")).as(kind).containsPattern("\\p{IsHan}");
            assertThat(ErrorWords.message(Lang.EN, kind, "detail")).as(kind).doesNotContainPattern("\\p{IsHan}")
                    .isNotEqualTo("detail");
        }
    }

    @Test
    void aKindWithoutWordsOfItsOwnShowsItsDetail() {
        assertThat(ErrorWords.message(Lang.ZH, "csrf_origin", "the page of https://evil.example"))
                .isEqualTo("拒绝来自其他网站页面的操作请求");
        assertThat(ErrorWords.message(Lang.ZH, "teapot", "I am a teapot")).isEqualTo("I am a teapot");
    }
}

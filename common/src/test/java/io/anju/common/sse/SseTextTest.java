package io.anju.common.sse;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SseTextTest {

    @Test
    void anEventWithAnIdAndOneLineOfData() {
        assertThat(SseText.event("42", "opened", "{\"a\":1}")).isEqualTo("id: 42\nevent: opened\ndata: {\"a\":1}\n\n");
    }

    @Test
    void everyLineBreakInTheDataStartsANewDataField_soNoLineCanPassForAFieldOfItsOwn() {
        assertThat(SseText.event(null, "case", "one\nid: 9\r\nevent: x\rlast"))
                .isEqualTo("event: case\ndata: one\ndata: id: 9\ndata: event: x\ndata: last\n\n");
    }

    @Test
    void breaksInTheIdTheNameOrACommentAreReplaced() {
        assertThat(SseText.event("1\n2", "a\nb", "")).isEqualTo("id: 1 2\nevent: a b\ndata: \n\n");
        assertThat(SseText.comment("hb\n\nevent: fake")).isEqualTo(": hb event: fake\n\n");
        assertThat(SseText.opening(3000)).isEqualTo("retry: 3000\n: connected\n\n");
    }
}

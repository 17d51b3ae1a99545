package io.anju.common.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MethodTagTest {

    @Test
    void knownMethodsAreTheirOwnTagAndAnyOtherTokenIsOther() {
        assertThat(MethodTag.of("GET")).isEqualTo("GET");
        assertThat(MethodTag.of("DELETE")).isEqualTo("DELETE");
        assertThat(MethodTag.of("FOO1")).isEqualTo(MethodTag.OTHER);
        assertThat(MethodTag.of("get")).isEqualTo(MethodTag.OTHER);
        assertThat(MethodTag.of(null)).isEqualTo(MethodTag.OTHER);
    }
}

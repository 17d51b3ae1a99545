package io.anju.sim.payload;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeqCounterTest {

    @Test
    void increasesByOne_andWrapsAt2Pow31() {
        SeqCounter seq = new SeqCounter((1L << 31) - 2);
        assertThat(seq.next()).isEqualTo(2_147_483_646L);
        assertThat(seq.next()).isEqualTo(2_147_483_647L);
        assertThat(seq.next()).isZero();
        assertThat(seq.next()).isEqualTo(1);
    }

    @Test
    void rewind_takesBackUnsentNumbers_andRejectsOutOfRange() {
        SeqCounter seq = new SeqCounter();
        seq.next();
        long mark = seq.peek();
        seq.next();
        seq.next();
        seq.rewind(mark);
        assertThat(seq.next()).isEqualTo(1);
        assertThatThrownBy(() -> seq.rewind(1L << 31)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SeqCounter(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}

package io.anju.cases.text;

import io.anju.common.text.Lang;

/**
 * A value a message names that has words of its own in each language (e.g. the uncovered times of a rota): an error's
 * text puts it in the reader's language ({@code ErrorTexts}), its English detail in English.
 */
@FunctionalInterface
public interface Worded {

    String in(Lang lang);
}

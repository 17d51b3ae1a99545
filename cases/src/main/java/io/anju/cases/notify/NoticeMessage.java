package io.anju.cases.notify;

import io.anju.common.alert.Severity;

import java.util.List;

/**
 * A notice as people read it in one language, rendered by {@link NoticeText} for every push channel.
 *
 * @param caseNo   the case number people quote
 * @param severity the case's severity
 * @param kind     the notice kind ({@code opened}, {@code escalated}, …)
 * @param title    one line, e.g. {@code 【红色预警】充电站火灾风险：新案件}
 * @param markdown the message as Markdown (the subset WeCom and DingTalk robots render)
 * @param text     the same as plain text, for SMS and WeCom text messages
 * @param phones   the mobile numbers of the recipients who read this language (empty when it names none)
 * @param language {@code zh} or {@code en}
 */
public record NoticeMessage(String caseNo, Severity severity, String kind, String title, String markdown, String text,
                            List<String> phones, String language) {

    public NoticeMessage {
        phones = List.copyOf(phones);
    }
}

package io.anju.cases.notify;

import io.anju.common.alert.Severity;

import java.util.List;

/**
 * A notice as people read it, rendered once by {@link NoticeText} for every push channel.
 *
 * @param caseNo   the case number people quote
 * @param severity the case's severity
 * @param kind     the notice kind ({@code opened}, {@code escalated}, …)
 * @param title    one line, e.g. {@code 【红色预警】充电站火灾风险：新案件}
 * @param markdown the message as Markdown (the subset WeCom and DingTalk robots render)
 * @param text     the same as plain text, for SMS and WeCom text messages
 * @param phones   the recipients' mobile numbers named on the notice (empty when it names none)
 */
public record NoticeMessage(String caseNo, Severity severity, String kind, String title, String markdown, String text,
                            List<String> phones) {

    public NoticeMessage {
        phones = List.copyOf(phones);
    }
}

package io.anju.dashboards.web;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The front end runs under a content security policy without inline script or style
 * ({@link DashboardsRouter#CONTENT_SECURITY_POLICY}): none of its files may depend on them, or the browser refuses
 * that part of the page silently.
 */
class WebrootPolicyTest {
    private static final Path WEBROOT = Path.of("src", "main", "resources", "webroot");

    @Test
    void thePagesHoldNoInlineScriptStyleOrHandler() throws Exception {
        for (Path page : files(".html")) {
            String html = Files.readString(page);
            assertThat(Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html).find())
                    .as("%s: an inline <script>", page).isFalse();
            assertThat(html).as(page.toString()).doesNotContainIgnoringCase("<style").doesNotContain("style=")
                    .doesNotContainPattern("\\son[a-z]+\\s*=").doesNotContain("javascript:");
        }
    }

    @Test
    void theScriptsSetNoStyleAttributeAndEvaluateNoStrings() throws Exception {
        for (Path script : files(".js")) {
            String js = Files.readString(script).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
            assertThat(js).as(script.toString())
                    .doesNotContainPattern("style:\\s*[`'\"]")
                    .doesNotContainPattern("setAttribute\\(\\s*['\"](style|on[a-z]+)['\"]")
                    .doesNotContain("innerHTML").doesNotContain("eval(").doesNotContain("new Function")
                    .doesNotContain(".cssText");
        }
    }

    @Test
    void theContentSecurityPolicyLetsNothingInline() {
        assertThat(DashboardsRouter.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "style-src 'self'",
                "frame-ancestors 'none'", "object-src 'none'").doesNotContain("unsafe");
    }

    private static List<Path> files(String suffix) throws Exception {
        try (Stream<Path> all = Files.walk(WEBROOT)) {
            List<Path> found = all.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
            assertThat(found).as("%s files under %s", suffix, WEBROOT).isNotEmpty();
            return found;
        }
    }
}

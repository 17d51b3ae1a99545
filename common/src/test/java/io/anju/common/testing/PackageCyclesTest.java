package io.anju.common.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PackageCyclesTest {

    @Test
    void common_hasNoPackageCycle() {
        PackageCycles.assertNone(Path.of("target/classes"));
    }

    @Test
    void cycles_areTheGroupsOfPackagesThatReachEachOther() {
        Map<String, Map<String, String>> graph = Map.of(
                "a", Map.of("b", ""), "b", Map.of("c", ""), "c", Map.of("a", "", "d", ""), "d", Map.of(),
                "e", Map.of("d", ""));
        assertThat(PackageCycles.cycles(graph)).containsExactly(Set.of("a", "b", "c"));
    }

    @Test
    void assertNone_whenTwoPackagesUseEachOther_thenFailsNamingTheCycleAndTheClasses(@TempDir Path dir) throws Exception {
        // p.b uses p.a only in a generic signature, which leaves no class entry in the constant pool
        Path a = write(dir.resolve("src/p/a/A.java"), "package p.a; public class A { p.b.B b; }");
        Path b = write(dir.resolve("src/p/b/B.java"), "package p.b; public class B { java.util.List<p.a.A> all; }");
        Path c = write(dir.resolve("src/p/c/C.java"), "package p.c; public class C { p.a.A a; }");
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", classes.toString(), a.toString(), b.toString(), c.toString())).isZero();

        assertThat(PackageCycles.dependencies(classes)).containsEntry("p.c", Map.of("p.a", "p.c.C -> p.a.A"));
        assertThatThrownBy(() -> PackageCycles.assertNone(classes))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("p.a <-> p.b")
                .hasMessageContaining("p.a -> p.b (p.a.A -> p.b.B)")
                .hasMessageContaining("p.b -> p.a (p.b.B -> p.a.A)")
                .hasMessageNotContaining("p.c <->");
    }

    private static Path write(Path file, String source) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, source);
    }

    @Test
    void cycles_ofAnAcyclicGraph_areNone() {
        assertThat(PackageCycles.cycles(Map.of("a", Map.of("b", ""), "b", Map.of()))).isEqualTo(List.of());
    }
}

package io.anju.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Finds cycles among the packages of a module's compiled classes: package A depends on B when a class of A refers to
 * a class of B, and a cycle is a set of packages each reachable from every other. A module's test calls
 * {@code PackageCycles.assertNone(Path.of("target/classes"))} (a module's tests run in its directory).
 */
public final class PackageCycles {
    private PackageCycles() {
    }

    /** Fails naming each cycle, and for each of its dependencies one class that makes it. */
    public static void assertNone(Path classesDir) {
        Map<String, Map<String, String>> graph = dependencies(classesDir);
        List<Set<String>> cycles = cycles(graph);
        if (cycles.isEmpty()) {
            return;
        }
        StringBuilder sb = new StringBuilder("package cycles in " + classesDir + ":");
        for (Set<String> cycle : cycles) {
            sb.append("\n- ").append(String.join(" <-> ", cycle));
            for (String from : cycle) {
                graph.get(from).forEach((to, via) -> {
                    if (cycle.contains(to)) {
                        sb.append("\n    ").append(from).append(" -> ").append(to).append(" (").append(via).append(')');
                    }
                });
            }
        }
        throw new AssertionError(sb.toString());
    }

    /**
     * For each package of the classes under {@code classesDir}: the other packages there it depends on, each with
     * one reference that makes the dependency ({@code Class -> Class}). Packages outside the directory are left out:
     * they cannot depend back on this module.
     */
    public static Map<String, Map<String, String>> dependencies(Path classesDir) {
        Map<String, Set<String>> refsByClass = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classesDir.relativize(file).toString().replace('\\', '/').replaceFirst("\\.class$", "");
                if (!name.endsWith("module-info") && !name.endsWith("package-info")) {
                    refsByClass.put(name, ClassDependencies.of(Files.readAllBytes(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classes under " + classesDir, e);
        }
        Map<String, Map<String, String>> graph = new TreeMap<>();
        refsByClass.keySet().forEach(c -> graph.put(packageOf(c), new TreeMap<>()));
        refsByClass.forEach((from, refs) -> {
            for (String to : refs) {
                String target = packageOf(to);
                if (graph.containsKey(target) && !target.equals(packageOf(from))) {
                    graph.get(packageOf(from)).putIfAbsent(target, dotted(from) + " -> " + dotted(to));
                }
            }
        });
        return graph;
    }

    /** The cycles of {@code graph}: its strongly connected components of more than one package (Tarjan). */
    public static List<Set<String>> cycles(Map<String, ? extends Map<String, ?>> graph) {
        return new Tarjan(graph).components().stream().filter(c -> c.size() > 1).toList();
    }

    private static String packageOf(String binaryName) {
        int slash = binaryName.lastIndexOf('/');
        return slash < 0 ? "" : binaryName.substring(0, slash).replace('/', '.');
    }

    private static String dotted(String binaryName) {
        return binaryName.replace('/', '.');
    }

    private static final class Tarjan {
        private final Map<String, ? extends Map<String, ?>> graph;
        private final Map<String, Integer> index = new HashMap<>();
        private final Map<String, Integer> low = new HashMap<>();
        private final Deque<String> stack = new ArrayDeque<>();
        private final Set<String> onStack = new TreeSet<>();
        private final List<Set<String>> components = new ArrayList<>();

        Tarjan(Map<String, ? extends Map<String, ?>> graph) {
            this.graph = graph;
        }

        List<Set<String>> components() {
            for (String node : graph.keySet()) {
                if (!index.containsKey(node)) {
                    visit(node);
                }
            }
            return components;
        }

        private void visit(String node) {
            index.put(node, index.size());
            low.put(node, index.get(node));
            stack.push(node);
            onStack.add(node);
            Map<String, ?> edges = graph.get(node);
            for (String next : edges == null ? Set.<String>of() : edges.keySet()) {
                if (!index.containsKey(next)) {
                    visit(next);
                    low.put(node, Math.min(low.get(node), low.get(next)));
                } else if (onStack.contains(next)) {
                    low.put(node, Math.min(low.get(node), index.get(next)));
                }
            }
            if (low.get(node).equals(index.get(node))) {
                Set<String> component = new TreeSet<>();
                String member;
                do {
                    member = stack.pop();
                    onStack.remove(member);
                    component.add(member);
                } while (!member.equals(node));
                components.add(component);
            }
        }
    }
}

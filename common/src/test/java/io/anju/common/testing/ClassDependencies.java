package io.anju.common.testing;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes one compiled class refers to, read from its constant pool (JVMS §4.4): class entries, and the
 * types named in field and method descriptors and generic signatures. What the compiler keeps of a source file's
 * imports, so no dependency is missed; compile-time constants it inlines are the only exception.
 */
final class ClassDependencies {
    /** An object type inside a descriptor or signature: {@code Lio/anju/x/Y;} or {@code Lio/anju/x/Y<...>;}. */
    private static final Pattern OBJECT_TYPE = Pattern.compile("L([\\w/$]+)[;<]");

    private ClassDependencies() {
    }

    /** Binary names ({@code io/anju/x/Y$Z}) of the classes that {@code classFile} refers to, itself included. */
    static Set<String> of(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            List<Integer> classNames = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNames.add(in.readUnsignedShort());
                    case 8, 16, 19, 20 -> in.skipBytes(2);   // String, MethodType, Module, Package
                    case 15 -> in.skipBytes(3);              // MethodHandle
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipBytes(4);
                    case 5, 6 -> {                           // Long and Double take two entries
                        in.skipBytes(8);
                        i++;
                    }
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag + " at " + i);
                }
            }
            Set<String> names = new LinkedHashSet<>();
            for (int index : classNames) {
                String name = utf8[index];
                if (name.startsWith("[")) {
                    addObjectTypes(name, names);
                } else {
                    names.add(name);
                }
            }
            for (String text : utf8) {
                if (text != null) {
                    addObjectTypes(text, names);
                }
            }
            return names;
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable class file", e);
        }
    }

    private static void addObjectTypes(String descriptor, Set<String> names) {
        Matcher m = OBJECT_TYPE.matcher(descriptor);
        while (m.find()) {
            names.add(m.group(1));
        }
    }
}

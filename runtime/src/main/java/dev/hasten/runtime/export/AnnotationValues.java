package dev.hasten.runtime.export;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A speedup annotation's values as JSON, and an annotation instance made back from them, so that a
 * model's description can replay its surgery without the pipeline class that carried the
 * annotation. Members may be primitives, strings, enums and arrays of those: what speedup
 * annotations hold.
 */
final class AnnotationValues {
  private AnnotationValues() {}

  /** Every member of {@code annotation} by name, defaults included. */
  static JsonObject toJson(Annotation annotation) {
    JsonObject values = new JsonObject();
    for (Method member : members(annotation.annotationType())) {
      try {
        values.add(member.getName(), toJson(member.invoke(annotation)));
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("cannot read " + member + " of " + annotation, e);
      }
    }
    return values;
  }

  private static JsonElement toJson(Object value) {
    if (value instanceof Number) {
      return new JsonPrimitive((Number) value);
    }
    if (value instanceof Boolean) {
      return new JsonPrimitive((Boolean) value);
    }
    if (value instanceof Enum) {
      return new JsonPrimitive(((Enum<?>) value).name());
    }
    if (value instanceof String || value instanceof Character) {
      return new JsonPrimitive(value.toString());
    }
    if (value.getClass().isArray()) {
      JsonArray array = new JsonArray();
      for (int i = 0; i < Array.getLength(value); i++) {
        array.add(toJson(Array.get(value, i)));
      }
      return array;
    }
    throw new IllegalArgumentException(
        "an annotation member of type " + value.getClass().getName() + " cannot be exported");
  }

  /**
   * An instance of {@code type} with the members in {@code values}; a member missing there takes
   * its default.
   *
   * @throws IllegalArgumentException if a member without a default is missing
   */
  static <A extends Annotation> A fromJson(Class<A> type, JsonObject values) {
    Map<String, Object> members = new LinkedHashMap<>();
    for (Method member : members(type)) {
      JsonElement json = values.get(member.getName());
      Object value =
          json == null ? member.getDefaultValue() : fromJson(member.getReturnType(), json);
      if (value == null) {
        throw new IllegalArgumentException(
            "@" + type.getSimpleName() + " needs a value for " + member.getName());
      }
      members.put(member.getName(), value);
    }
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "annotationType":
                  return type;
                case "toString":
                  return "@" + type.getName() + members;
                case "hashCode":
                  return members.hashCode();
                case "equals":
                  return proxy == args[0];
                default:
                  return copy(members.get(method.getName()));
              }
            }));
  }

  private static Object fromJson(Class<?> type, JsonElement json) {
    if (type == int.class) {
      return json.getAsInt();
    }
    if (type == long.class) {
      return json.getAsLong();
    }
    if (type == double.class) {
      return json.getAsDouble();
    }
    if (type == float.class) {
      return json.getAsFloat();
    }
    if (type == boolean.class) {
      return json.getAsBoolean();
    }
    if (type == short.class) {
      return json.getAsShort();
    }
    if (type == byte.class) {
      return json.getAsByte();
    }
    if (type == char.class) {
      return json.getAsString().charAt(0);
    }
    if (type == String.class) {
      return json.getAsString();
    }
    if (type.isEnum()) {
      return enumValue(type, json.getAsString());
    }
    if (type.isArray()) {
      JsonArray items = json.getAsJsonArray();
      Object array = Array.newInstance(type.getComponentType(), items.size());
      for (int i = 0; i < items.size(); i++) {
        Array.set(array, i, fromJson(type.getComponentType(), items.get(i)));
      }
      return array;
    }
    throw new IllegalArgumentException(
        "cannot read an annotation member of type " + type.getName());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Object enumValue(Class<?> type, String name) {
    return Enum.valueOf((Class) type, name);
  }

  /** Arrays are handed out as copies, as the JDK's own annotation instances do. */
  private static Object copy(Object value) {
    if (value != null && value.getClass().isArray()) {
      int n = Array.getLength(value);
      Object copy = Array.newInstance(value.getClass().getComponentType(), n);
      System.arraycopy(value, 0, copy, 0, n);
      return copy;
    }
    return value;
  }

  private static Method[] members(Class<? extends Annotation> type) {
    Method[] members = type.getDeclaredMethods();
    Arrays.sort(members, (a, b) -> a.getName().compareTo(b.getName()));
    return members;
  }
}

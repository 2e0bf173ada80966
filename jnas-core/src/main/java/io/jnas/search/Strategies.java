package io.jnas.search;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import io.jnas.run.Registry;
import java.util.List;

/** The search strategies by name: random, evolution (MOTE-NAS), nat (NAT / NATv2), and any declared providers. */
public final class Strategies {
    private static final Registry<StrategyProvider> PROVIDERS = Registry.load("strategy", StrategyProvider.class,
            StrategyProvider::name);

    private Strategies() {
    }

    /** The provider called {@code name}; IllegalArgumentException naming the strategies there are. */
    public static StrategyProvider get(String name) {
        return PROVIDERS.get(name);
    }

    /** Every strategy name. */
    public static List<String> names() {
        return PROVIDERS.names();
    }

    /** The name of a strategy's settings record. */
    public static String nameOf(StrategyConfig config) {
        for (StrategyProvider p : PROVIDERS.all()) {
            if (p.configType() == config.getClass()) {
                return p.name();
            }
        }
        throw new IllegalStateException(config.getClass().getName() + " is not declared by any strategy provider");
    }

    /** Lets Jackson store a {@link StrategyConfig} under its strategy's name and read it back. */
    public static final class TypeIds extends TypeIdResolverBase {
        @Override
        public String idFromValue(Object value) {
            return nameOf((StrategyConfig) value);
        }

        @Override
        public String idFromValueAndType(Object value, Class<?> type) {
            return idFromValue(value);
        }

        @Override
        public JavaType typeFromId(DatabindContext context, String id) {
            return context.constructType(get(id).configType());
        }

        @Override
        public JsonTypeInfo.Id getMechanism() {
            return JsonTypeInfo.Id.CUSTOM;
        }
    }
}

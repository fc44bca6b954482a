package dev.slipway.server.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

import com.google.common.util.concurrent.Service;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

/**
 * Binds the data directory lock and the database as services (in that order: the lock is taken before H2 opens its
 * files), and {@link Jdbi} with the SqlObject plugin for repositories.
 */
public final class DatabaseModule
        extends AbstractModule
{
    @Override
    protected void configure()
    {
        Multibinder<Service> services = Multibinder.newSetBinder(binder(), Service.class);
        services.addBinding().to(DataDirectoryLock.class);
        services.addBinding().to(Database.class);
    }

    /** Connections are taken from the pool per use, so this may be created before the database has started. */
    @Provides
    @Singleton
    Jdbi jdbi(Database database)
    {
        return Jdbi.create(() -> database.dataSource().getConnection()).installPlugin(new SqlObjectPlugin());
    }
}

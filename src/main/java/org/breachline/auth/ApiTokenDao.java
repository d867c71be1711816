package org.breachline.auth;

import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.GetGeneratedKeys;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@RegisterConstructorMapper(ApiToken.class)
interface ApiTokenDao {
    @SqlUpdate("INSERT INTO api_token (name, role, token_hash, created_at) VALUES (:name, :role, :hash, :at)")
    @GetGeneratedKeys("id")
    long insert(@Bind("name") String name, @Bind("role") Role role, @Bind("hash") String hash, @Bind("at") Instant at);

    @SqlQuery("SELECT id, name, role, token_hash, created_at, revoked_at FROM api_token WHERE token_hash = :hash")
    Optional<ApiToken> findByHash(@Bind("hash") String hash);

    @SqlQuery("SELECT id, name, role, token_hash, created_at, revoked_at FROM api_token ORDER BY id")
    List<ApiToken> list();

    @SqlUpdate("UPDATE api_token SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
    int revoke(@Bind("id") long id, @Bind("at") Instant at);
}

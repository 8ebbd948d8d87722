-- 0043_unit_title_first_held (PostgreSQL pair of db/migrations/0043): the
-- badges' earliest held family title per household and name, and its count
-- per (title name, unit, year, day); see the SQLite file for why and the
-- definition. Its triggers come with the PL/pgSQL trigger brick of issue 18:
--   unit_title_first_held_insert / _delete      (on family_title_first_held)
--   family_title_first_held_award_insert / _delete / _update   (on award)
--   family_title_first_held_event_insert / _delete / _update   (on award_event)
--   family_title_first_held_title_update        (on award_title)
CREATE TABLE family_title_first_held (
    family_id   bigint NOT NULL,
    title_name  text   NOT NULL,
    unit_id     bigint NOT NULL,
    year        bigint NOT NULL,
    held_on     text   NOT NULL,
    PRIMARY KEY (family_id, title_name)
);

CREATE TABLE unit_title_first_held (
    title_name  text   NOT NULL,
    unit_id     bigint NOT NULL,
    year        bigint NOT NULL,
    held_on     text   NOT NULL,
    households  bigint NOT NULL,
    PRIMARY KEY (title_name, unit_id, year, held_on)
);

INSERT INTO family_title_first_held (family_id, title_name, unit_id, year, held_on)
    SELECT family_id, name, unit_id, year, held_on FROM (
        SELECT family_id, name, unit_id, year, held_on,
               row_number() OVER (PARTITION BY family_id, name ORDER BY year, held_on, id) AS n
        FROM (SELECT a.id, a.family_id, t.name, a.unit_id, a.year,
                     coalesce((SELECT min(e.happened_on) FROM award_event e
                               WHERE e.award_id = a.id AND e.status = '命名'), a.year || '-12-31') AS held_on
              FROM award a JOIN award_title t ON t.id = a.title_id
              WHERE t.subject_kind = 'family' AND a.status IN ('命名', '复核')
                AND a.family_id IS NOT NULL AND a.unit_id IS NOT NULL) AS held) AS ranked
    WHERE n = 1;

INSERT INTO unit_title_first_held (title_name, unit_id, year, held_on, households)
    SELECT title_name, unit_id, year, held_on, count(*) FROM family_title_first_held
    GROUP BY title_name, unit_id, year, held_on;

-- An Isso database as Isso creates it (its schema), with a few threads and comments.
CREATE TABLE IF NOT EXISTS preferences (key VARCHAR PRIMARY KEY, value VARCHAR);
INSERT INTO preferences (key, value) VALUES ('db-version', '3');
CREATE TABLE IF NOT EXISTS threads (id INTEGER PRIMARY KEY, uri VARCHAR(256) UNIQUE, title VARCHAR(256));
CREATE TABLE IF NOT EXISTS comments (
    tid REFERENCES threads(id), id INTEGER PRIMARY KEY, parent INTEGER,
    created FLOAT NOT NULL, modified FLOAT, mode INTEGER, remote_addr VARCHAR,
    text VARCHAR, author VARCHAR, email VARCHAR, website VARCHAR,
    likes INTEGER DEFAULT 0, dislikes INTEGER DEFAULT 0, voters BLOB NOT NULL,
    notification INTEGER DEFAULT 0);
INSERT INTO threads (id, uri, title) VALUES (1, '/posts/calf-raises/', 'Calf raises');
INSERT INTO threads (id, uri, title) VALUES (2, '/2023/ankle-mobility.html', 'Ankle mobility');
-- created is Unix seconds as a float: 1682942400.25 is 2023-05-01T12:00:00.25Z
INSERT INTO comments VALUES (1, 1, NULL, 1682942400.25, NULL, 1, '192.0.2.0', 'Ten a day, **slowly**.

<script>alert(1)</script>', 'Kim', 'kim@example.com', 'https://kim.example', 3, 0, X'', 0);
INSERT INTO comments VALUES (1, 2, 1, 1682946000.0, NULL, 1, '192.0.2.0', 'Why ten?', 'Lee', 'lee@example.com', NULL, 0, 0, X'', 1);
INSERT INTO comments VALUES (1, 3, NULL, 1682949600.5, NULL, 2, '198.51.100.0', 'Waiting for a moderator', 'New Person', '', '', 0, 0, X'', 0);
-- Isso keeps a deleted comment that has replies as an empty row (mode 4).
INSERT INTO comments VALUES (2, 4, NULL, 1690000000.0, NULL, 4, '0.0.0.0', '', NULL, NULL, NULL, 0, 0, X'', 0);
INSERT INTO comments VALUES (2, 5, 4, 1690003600.0, 1690007200.0, 1, '203.0.113.0', 'Answer to a deleted comment, with a [link](https://ankles.example/guide).', 'Pat', NULL, NULL, 0, 0, X'', 0);
INSERT INTO comments VALUES (2, 6, NULL, 1690010000.0, NULL, 4, '203.0.113.0', '', NULL, NULL, NULL, 0, 0, X'', 0);

-- The schema and data of an orgnews database written by the release at
-- e9cf504 (schema version 1), from pg_dump; see README.md beside it.

CREATE TABLE article_slugs (
    slug text NOT NULL,
    article_id uuid NOT NULL
);

CREATE TABLE article_tags (
    tag_key text NOT NULL,
    article_id uuid NOT NULL,
    publish_at bigint NOT NULL
);

CREATE TABLE articles (
    id uuid NOT NULL,
    category_id uuid NOT NULL,
    status text NOT NULL,
    publish_at bigint NOT NULL,
    featured boolean NOT NULL,
    lang text NOT NULL,
    author_key text NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    slug text NOT NULL,
    author text NOT NULL,
    title text NOT NULL,
    summary text NOT NULL,
    aliases text NOT NULL,
    tags text NOT NULL,
    cover text,
    attachments text NOT NULL,
    body text NOT NULL,
    search tsvector NOT NULL,
    title_search tsvector NOT NULL
);

CREATE TABLE categories (
    id uuid NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    parent_id uuid,
    "position" bigint NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
);

CREATE TABLE schema_migrations (
    version integer NOT NULL,
    name text NOT NULL,
    applied_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE store_version (
    id integer NOT NULL,
    version bigint NOT NULL,
    CONSTRAINT store_version_id_check CHECK ((id = 1))
);

INSERT INTO article_slugs (slug, article_id) VALUES ('tong-ket-nhiem-vu-khoa-hoc-2024', '00000000-0000-4000-8000-000000000004');
INSERT INTO article_slugs (slug, article_id) VALUES ('hoi-nghi-tong-ket-nhiem-vu-khoa-hoc-cap-tinh-nam-2024', '00000000-0000-4000-8000-000000000004');
INSERT INTO article_slugs (slug, article_id) VALUES ('thong-bao-tuyen-chon-de-tai-nam-2026', '00000000-0000-4000-8000-000000000005');
INSERT INTO article_slugs (slug, article_id) VALUES ('ung-dung-cong-nghe-sinh-hoc-trong-san-xuat-giong-lua', '00000000-0000-4000-8000-000000000006');
INSERT INTO article_slugs (slug, article_id) VALUES ('le-trao-giai-hoi-thi-sang-tao-ky-thuat-lan-thu-x', '00000000-0000-4000-8000-000000000007');
INSERT INTO article_slugs (slug, article_id) VALUES ('ban-nhap-ke-hoach-kiem-tra-do-luong-quy-iii', '00000000-0000-4000-8000-000000000008');
INSERT INTO article_slugs (slug, article_id) VALUES ('lich-tiep-cong-dan-thang-5', '00000000-0000-4000-8000-000000000009');
INSERT INTO article_slugs (slug, article_id) VALUES ('department-of-science-and-technology-signs-cooperation-agreement', '00000000-0000-4000-8000-00000000000a');

INSERT INTO article_tags (tag_key, article_id, publish_at) VALUES ('hoi-nghi', '00000000-0000-4000-8000-000000000004', 1748859600250000);
INSERT INTO article_tags (tag_key, article_id, publish_at) VALUES ('nhiem-vu-kh-cn', '00000000-0000-4000-8000-000000000004', 1748859600250000);
INSERT INTO article_tags (tag_key, article_id, publish_at) VALUES ('cong-nghe-sinh-hoc', '00000000-0000-4000-8000-000000000006', 1748870700250000);
INSERT INTO article_tags (tag_key, article_id, publish_at) VALUES ('nong-nghiep', '00000000-0000-4000-8000-000000000006', 1748870700250000);

INSERT INTO articles (id, category_id, status, publish_at, featured, lang, author_key, created_at, updated_at, slug, author, title, summary, aliases, tags, cover, attachments, body, search, title_search) VALUES ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001', 'published', 1748859600250000, true, 'vi', 'phong quan ly khoa hoc', 1748857380250000, 1748861820250000, 'tong-ket-nhiem-vu-khoa-hoc-2024', 'Phòng Quản lý khoa học', 'Tổng kết nhiệm vụ khoa học cấp tỉnh năm 2024', 'Sáng nay, Sở tổ chức hội nghị tổng kết các nhiệm vụ khoa học và công nghệ cấp tỉnh. Đại biểu thảo luận về kết quả ứng dụng.', '["hoi-nghi-tong-ket-nhiem-vu-khoa-hoc-cap-tinh-nam-2024"]', '["Hội nghị","Nhiệm vụ KH\u0026CN"]', '{"url":"/anh/hoi-nghi.jpg","alt":"Toàn cảnh hội nghị","caption":"Quang cảnh hội nghị","width":1200,"height":800,"type":"image/jpeg","size":154321}', 'null', '<p>Sáng nay, Sở tổ chức hội nghị tổng kết các nhiệm vụ khoa học và công nghệ cấp tỉnh.</p><p>Đại biểu thảo luận về kết quả ứng dụng.</p>', '''2024'' ''bieu'' ''cac'' ''cap'' ''chuc'' ''cong'' ''dai'' ''dung'' ''hoc'' ''hoi'' ''ket'' ''khoa'' ''luan'' ''nam'' ''nay'' ''nghe'' ''nghi'' ''nhiem'' ''qua'' ''sang'' ''so'' ''thao'' ''tinh'' ''to'' ''tong'' ''ung'' ''va'' ''ve'' ''vu''', '''2024'' ''cap'' ''hoc'' ''ket'' ''khoa'' ''nam'' ''nhiem'' ''tinh'' ''tong'' ''vu''');
INSERT INTO articles (id, category_id, status, publish_at, featured, lang, author_key, created_at, updated_at, slug, author, title, summary, aliases, tags, cover, attachments, body, search, title_search) VALUES ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000003', 'published', 1748866260250000, false, 'vi', 'van phong so', 1748864040250000, 1748866260250000, 'thong-bao-tuyen-chon-de-tai-nam-2026', 'Văn phòng Sở', 'Thông báo tuyển chọn đề tài năm 2026', 'Sở thông báo tuyển chọn tổ chức, cá nhân chủ trì đề tài.', 'null', 'null', NULL, '[{"url":"/tep/thong-bao-tuyen-chon.pdf","title":"Thông báo số 45/TB-SKHCN","type":"application/pdf","size":88211}]', '<p>Hồ sơ gửi về Văn phòng Sở trước ngày 30 tháng 9.</p>', '''2026'' ''30'' ''9'' ''bao'' ''ca'' ''chon'' ''chu'' ''chuc'' ''de'' ''gui'' ''ho'' ''nam'' ''ngay'' ''nhan'' ''phong'' ''so'' ''tai'' ''thang'' ''thong'' ''to'' ''tri'' ''truoc'' ''tuyen'' ''van'' ''ve''', '''2026'' ''bao'' ''chon'' ''de'' ''nam'' ''tai'' ''thong'' ''tuyen''');
INSERT INTO articles (id, category_id, status, publish_at, featured, lang, author_key, created_at, updated_at, slug, author, title, summary, aliases, tags, cover, attachments, body, search, title_search) VALUES ('00000000-0000-4000-8000-000000000006', '00000000-0000-4000-8000-000000000002', 'published', 1748870700250000, false, 'vi', 'trung tam ung dung', 1748868480250000, 1748870700250000, 'ung-dung-cong-nghe-sinh-hoc-trong-san-xuat-giong-lua', 'Trung tâm Ứng dụng', 'Ứng dụng công nghệ sinh học trong sản xuất giống lúa', 'Mô hình được triển khai tại ba huyện, năng suất tăng rõ rệt.', 'null', '["Công nghệ sinh học","Nông nghiệp"]', NULL, 'null', '<p>Mô hình được triển khai tại ba huyện, năng suất tăng rõ rệt.</p>', '''ba'' ''cong'' ''dung'' ''duoc'' ''giong'' ''hinh'' ''hoc'' ''huyen'' ''khai'' ''lua'' ''mo'' ''nang'' ''nghe'' ''ret'' ''ro'' ''san'' ''sinh'' ''suat'' ''tai'' ''tang'' ''trien'' ''trong'' ''ung'' ''xuat''', '''cong'' ''dung'' ''giong'' ''hoc'' ''lua'' ''nghe'' ''san'' ''sinh'' ''trong'' ''ung'' ''xuat''');
INSERT INTO articles (id, category_id, status, publish_at, featured, lang, author_key, created_at, updated_at, slug, author, title, summary, aliases, tags, cover, attachments, body, search, title_search) VALUES ('00000000-0000-4000-8000-000000000007', '00000000-0000-4000-8000-000000000001', 'published', 1894672800000000, false, 'vi', '', 1748872920250000, 1748875140250000, 'le-trao-giai-hoi-thi-sang-tao-ky-thuat-lan-thu-x', '', 'Lễ trao giải Hội thi sáng tạo kỹ thuật lần thứ X', 'Lễ trao giải sẽ diễn ra tại Hội trường Ủy ban nhân dân tỉnh.', 'null', 'null', NULL, 'null', '<p>Lễ trao giải sẽ diễn ra tại Hội trường Ủy ban nhân dân tỉnh.</p>', '''ban'' ''dan'' ''dien'' ''giai'' ''hoi'' ''ky'' ''lan'' ''le'' ''nhan'' ''ra'' ''sang'' ''se'' ''tai'' ''tao'' ''thi'' ''thu'' ''thuat'' ''tinh'' ''trao'' ''truong'' ''uy'' ''x''', '''giai'' ''hoi'' ''ky'' ''lan'' ''le'' ''sang'' ''tao'' ''thi'' ''thu'' ''thuat'' ''trao'' ''x''');
INSERT INTO articles (id, category_id, status, publish_at, featured, lang, author_key, created_at, updated_at, slug, author, title, summary, aliases, tags, cover, attachments, body, search, title_search) VALUES ('00000000-0000-4000-8000-000000000008', '00000000-0000-4000-8000-000000000003', 'draft', -62135596800000000, false, 'vi', 'chi cuc tieu chuan do luong chat luong', 1748877360250000, 1748877360250000, 'ban-nhap-ke-hoach-kiem-tra-do-luong-quy-iii', 'Chi cục Tiêu chuẩn Đo lường Chất lượng', 'Bản nháp: kế hoạch kiểm tra đo lường quý III', 'Đang soạn.', 'null', 'null', NULL, 'null', '<p>Đang soạn.</p>', '''ban'' ''dang'' ''do'' ''hoach'' ''iii'' ''ke'' ''kiem'' ''luong'' ''nhap'' ''quy'' ''soan'' ''tra''', '''ban'' ''do'' ''hoach'' ''iii'' ''ke'' ''kiem'' ''luong'' ''nhap'' ''quy'' ''tra''');
INSERT INTO articles (id, category_id, status, publish_at, featured, lang, author_key, created_at, updated_at, slug, author, title, summary, aliases, tags, cover, attachments, body, search, title_search) VALUES ('00000000-0000-4000-8000-000000000009', '00000000-0000-4000-8000-000000000003', 'archived', 1748881800250000, false, 'vi', '', 1748879580250000, 1748884020250000, 'lich-tiep-cong-dan-thang-5', '', 'Lịch tiếp công dân tháng 5', 'Lãnh đạo Sở tiếp công dân vào thứ Năm.', 'null', 'null', NULL, 'null', '<p>Lãnh đạo Sở tiếp công dân vào thứ Năm.</p>', '''5'' ''cong'' ''dan'' ''dao'' ''lanh'' ''lich'' ''nam'' ''so'' ''thang'' ''thu'' ''tiep'' ''vao''', '''5'' ''cong'' ''dan'' ''lich'' ''thang'' ''tiep''');
INSERT INTO articles (id, category_id, status, publish_at, featured, lang, author_key, created_at, updated_at, slug, author, title, summary, aliases, tags, cover, attachments, body, search, title_search) VALUES ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-000000000001', 'published', 1748888460250000, false, 'en', '', 1748886240250000, 1748888460250000, 'department-of-science-and-technology-signs-cooperation-agreement', '', 'Department of Science and Technology signs cooperation agreement', 'The agreement covers technology transfer.', 'null', 'null', NULL, 'null', '<p>The agreement covers technology transfer.</p>', '''agreement'' ''and'' ''cooperation'' ''covers'' ''department'' ''of'' ''science'' ''signs'' ''technology'' ''the'' ''transfer''', '''agreement'' ''and'' ''cooperation'' ''department'' ''of'' ''science'' ''signs'' ''technology''');

INSERT INTO categories (id, slug, name, description, parent_id, "position", created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000001', 'tin-hoat-dong', 'Tin hoạt động', 'Hoạt động của Sở Khoa học và Công nghệ.', NULL, 0, 1748850720250000, 1748850720250000);
INSERT INTO categories (id, slug, name, description, parent_id, "position", created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000002', 'khoa-hoc-cong-nghe', 'Khoa học công nghệ', '', '00000000-0000-4000-8000-000000000001', 1, 1748852940250000, 1748852940250000);
INSERT INTO categories (id, slug, name, description, parent_id, "position", created_at, updated_at) VALUES ('00000000-0000-4000-8000-000000000003', 'thong-bao', 'Thông báo', '', NULL, 2, 1748855160250000, 1748855160250000);

INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, '0001_init.sql', '2026-12-04 16:11:16.506132+00');

INSERT INTO store_version (id, version) VALUES (1, 20);

ALTER TABLE ONLY article_slugs
    ADD CONSTRAINT article_slugs_pkey PRIMARY KEY (slug);

ALTER TABLE ONLY article_tags
    ADD CONSTRAINT article_tags_pkey PRIMARY KEY (tag_key, article_id);

ALTER TABLE ONLY articles
    ADD CONSTRAINT articles_pkey PRIMARY KEY (id);

ALTER TABLE ONLY categories
    ADD CONSTRAINT categories_pkey PRIMARY KEY (id);

ALTER TABLE ONLY categories
    ADD CONSTRAINT categories_slug_key UNIQUE (slug);

ALTER TABLE ONLY schema_migrations
    ADD CONSTRAINT schema_migrations_pkey PRIMARY KEY (version);

ALTER TABLE ONLY store_version
    ADD CONSTRAINT store_version_pkey PRIMARY KEY (id);

CREATE INDEX article_slugs_article ON article_slugs USING btree (article_id);

CREATE INDEX article_tags_article ON article_tags USING btree (article_id);

CREATE INDEX article_tags_latest ON article_tags USING btree (tag_key, publish_at DESC, article_id DESC);

CREATE INDEX articles_author ON articles USING btree (author_key, publish_at DESC, id DESC);

CREATE INDEX articles_category ON articles USING btree (category_id, publish_at DESC, id DESC);

CREATE INDEX articles_latest ON articles USING btree (publish_at DESC, id DESC);

CREATE INDEX articles_search ON articles USING gin (search);

CREATE INDEX articles_status ON articles USING btree (status, publish_at DESC, id DESC);

CREATE INDEX categories_parent ON categories USING btree (parent_id);


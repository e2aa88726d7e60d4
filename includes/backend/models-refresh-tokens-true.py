

class RefreshToken(SQLModel, table=True):
    """A refresh token of a session, kept as its SHA-256 hash only. Spent when
    traded for its successor; spent ones stay until their session goes, so
    that a second use of any of them is recognised."""

    __tablename__ = "refresh_tokens"

    token_hash: str = Field(sa_type=sa.String(length=64), primary_key=True)
    session_id: uuid.UUID = Field(
        foreign_key="sessions.id", ondelete="CASCADE", index=True
    )
    issued_at: datetime.datetime = Field(
        default_factory=utc_now, sa_type=sa.DateTime(timezone=True)
    )
    spent_at: datetime.datetime | None = Field(
        default=None, sa_type=sa.DateTime(timezone=True)
    )

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SelfContainedAccessTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ActivationOffers_AccessTokenHash",
                table: "ActivationOffers");

            // SQLite drops these columns in place (3.35+); EF Core would rebuild the table outside a transaction.
            migrationBuilder.Sql("ALTER TABLE \"ActivationOffers\" DROP COLUMN \"AccessTokenHash\";");
            migrationBuilder.Sql("ALTER TABLE \"ActivationOffers\" DROP COLUMN \"AccessTokenKeyThumbprint\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "AccessTokenHash",
                table: "ActivationOffers",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccessTokenKeyThumbprint",
                table: "ActivationOffers",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ActivationOffers_AccessTokenHash",
                table: "ActivationOffers",
                column: "AccessTokenHash",
                unique: true,
                filter: "\"AccessTokenHash\" IS NOT NULL");
        }
    }
}

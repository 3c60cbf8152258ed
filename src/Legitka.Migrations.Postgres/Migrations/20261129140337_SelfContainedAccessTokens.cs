using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Legitka.Migrations.Postgres.Migrations
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

            migrationBuilder.DropColumn(
                name: "AccessTokenHash",
                table: "ActivationOffers");

            migrationBuilder.DropColumn(
                name: "AccessTokenKeyThumbprint",
                table: "ActivationOffers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<byte[]>(
                name: "AccessTokenHash",
                table: "ActivationOffers",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AccessTokenKeyThumbprint",
                table: "ActivationOffers",
                type: "character varying(64)",
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
